"""The shortcuts lists use for addresses and excerpts give what the slow paths give."""

import random

from django.test import override_settings
from django.urls import reverse, set_script_prefix

from cryptoflexs.core.html import html_text_head, html_to_text
from cryptoflexs.core.reverse import reverse_one
from cryptoflexs.core.seo import absolute_url


def test_reverse_one_matches_reverse():
    for name, kwarg, value in [
        ("articles:by_slug", "slug", "bitcoin-etf-inflows"),
        ("articles:tag", "slug", "layer_2"),
        ("articles:author", "slug", "editorial-team"),
        ("articles:category", "path", "crypto/bitcoin"),
        ("articles:category", "path", "crypto"),
    ]:
        assert reverse_one(name, kwarg, value) == reverse(name, kwargs={kwarg: value})


def test_reverse_one_falls_back_for_text_reverse_would_encode():
    # Non-ASCII, spaces and slashes in a slug go through reverse() (encoded, or refused).
    assert reverse_one("articles:category", "path", "crypto/bitcoïn") == reverse(
        "articles:category", kwargs={"path": "crypto/bitcoïn"}
    )
    assert reverse_one("articles:category", "path", "a b") == "/category/a%20b/"


def test_reverse_one_follows_the_script_prefix():
    try:
        set_script_prefix("/news/")
        assert reverse_one("articles:tag", "slug", "defi") == "/news/tag/defi/"
    finally:
        set_script_prefix("/")
    assert reverse_one("articles:tag", "slug", "defi") == "/tag/defi/"


@override_settings(ROOT_URLCONF="tests.core.urls_prefixed")
def test_reverse_one_follows_an_overridden_urlconf():
    assert reverse_one("articles:tag", "slug", "defi") == "/site/tag/defi/"


def test_absolute_url_matches_urljoin_semantics():
    with override_settings(SITE_URL="https://example.com/sub"):
        assert absolute_url("/a/b/") == "https://example.com/a/b/"
        assert absolute_url("/a/../b") == "https://example.com/b"
        assert absolute_url("c/") == "https://example.com/sub/c/"
        assert absolute_url("//cdn.example.net/x") == "https://cdn.example.net/x"


def test_html_text_head_starts_like_the_whole_text():
    rng = random.Random(7)
    words = ["bitcoin", "a&amp;b", "ETF", "<b>bold</b>", "x&gt;y", "fund", "<br>", "Ether"]
    for _ in range(200):
        body = "".join(
            f"<p title='{rng.choice(['a>b', 'plain'])}'>"
            + " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
            + "</p>\n"
            for _ in range(rng.randint(1, 40))
        )
        full = html_to_text(body).split()
        for n in (10, 40, 60):
            head = html_text_head(body, n).split()
            assert head[:n] == full[:n]
            assert (len(head) > n) == (len(full) > n)
