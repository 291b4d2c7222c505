import datetime as dt

import pytest

from cryptoflexs.ingest.clean import canonical_url, clean_html, entry_clean
from cryptoflexs.ingest.parse import RawEntry


class CanonicalUrlTests:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            (
                "HTTPS://News.Example:443/a?utm_source=x&id=3&fbclid=1&gclid=2#top",
                "https://news.example/a?id=3",
            ),
            ("http://news.example:8080/a?mc_cid=1&mc_eid=2", "http://news.example:8080/a"),
            ("https://news.example", "https://news.example/"),
            ("javascript:alert(1)", ""),
            ("ftp://news.example/file", ""),
            ("https://user:pw@news.example/", ""),
        ],
    )
    def test_canonical(self, url, expected):
        assert canonical_url(url) == expected

    def test_relative_is_resolved(self):
        assert canonical_url("../b?utm_medium=x", "https://n.example/x/y/z") == (
            "https://n.example/x/b"
        )


class CleanHtmlTests:
    def test_only_the_allow_list_survives(self):
        html = (
            '<p onclick="x()" style="color:red">Hi <script>bad()</script>'
            '<iframe src="https://evil.example/"></iframe>'
            '<a href="javascript:alert(1)">js</a> <a href="/rel?utm_campaign=c&amp;q=1">ok</a></p>'
        )
        cleaned = clean_html(html, base_url="https://n.example/story")
        assert "onclick" not in cleaned
        assert "style" not in cleaned
        assert "<script" not in cleaned
        assert "bad()" not in cleaned
        assert "<iframe" not in cleaned
        assert "javascript:" not in cleaned
        assert 'href="https://n.example/rel?q=1"' in cleaned

    @pytest.mark.parametrize(
        "img",
        [
            '<img src="https://n.example/p.gif" width="1" height="1">',
            '<img src="https://pixel.wp.com/g.gif?x=1">',
            '<img src="https://feeds.feedburner.com/~r/x/~4/abc">',
            '<img src="https://n.example/track/open.gif">',
        ],
    )
    def test_tracking_pixels_are_removed(self, img):
        assert "<img" not in clean_html(f"<p>text{img}</p>", base_url="https://n.example/")

    def test_real_images_are_kept_absolute(self):
        cleaned = clean_html(
            '<img src="/a.jpg" alt="A chart" width="600">', base_url="https://n.example/s"
        )
        assert cleaned == '<img src="https://n.example/a.jpg" alt="A chart" width="600">'


class EntryCleanTests:
    def test_text_times_and_urls(self):
        now = dt.datetime(2026, 3, 4, tzinfo=dt.UTC)
        raw = RawEntry(
            guid=" g\x00-1 ",
            link="https://n.example/s?utm_source=rss",
            title="A\x0btitle &amp; <b>more</b>",
            summary_html="<p>Summary\x07 here</p>",
            published=dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        )
        entry = entry_clean(raw, now=now)
        assert entry.title == "A title & more"
        assert entry.guid == "g-1"
        assert entry.url == "https://n.example/s"
        assert entry.excerpt == "Summary here"
        assert entry.published_at == dt.datetime(2026, 3, 3, 7, 0, tzinfo=dt.UTC)
        assert entry.published_at.utcoffset() == dt.timedelta(0)

    def test_future_and_missing_dates_become_now(self):
        now = dt.datetime(2026, 3, 4, tzinfo=dt.UTC)
        future = RawEntry(title="t", published=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
        assert entry_clean(future, now=now).published_at == now
        assert entry_clean(RawEntry(title="t"), now=now).published_at == now
