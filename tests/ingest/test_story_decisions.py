"""Editors split and merge stories in the admin; later ingest runs never undo it."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from cryptoflexs.articles.models import Article, Story, StoryDecision
from cryptoflexs.ingest.models import Source
from cryptoflexs.ingest.services import source_ingest

from .conftest import make_source, serve

pytestmark = pytest.mark.django_db

EVENTS = {
    "zentra": [
        ("Zentra halts withdrawals after $40M hot wallet hack",
         "The exchange Zentra paused withdrawals after attackers drained $40 million from its "
         "hot wallet; funds in cold storage are safe, Zentra said."),
        ("Zentra exchange suspends withdrawals following $40 million hack",
         "Zentra suspended withdrawals after a hack took about $40 million from a hot wallet, "
         "the exchange said, adding that cold storage was untouched."),
        ("Hackers take $40M from Zentra's hot wallet; withdrawals paused",
         "Withdrawals at Zentra are paused after $40 million left its hot wallet in a hack."),
    ],
    "orbis": [
        ("Orbis Bank tokenizes a $250M bond fund on a public chain",
         "Orbis Bank issued shares of its $250 million bond fund as tokens that clients can "
         "trade around the clock."),
        ("Orbis Bank puts $250 million bond fund on-chain",
         "The bank's $250 million fund is now issued as tokens, Orbis Bank said on Monday."),
        ("Orbis Bank's $250M tokenized fund opens to more investors",
         "More clients can now buy the Orbis Bank tokenized bond fund worth $250 million."),
    ],
}  # fmt: skip


def _feed(items) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>https://{outlet}.example/{key}</link>"
        f"<description>{text}</description>"
        f"<pubDate>Tue, 03 Mar 2026 {10 + n}:00:00 GMT</pubDate></item>"
        for n, (outlet, key, title, text) in enumerate(items)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://x.example/</link><description>d</description>{body}</channel></rss>"
    ).encode()


@pytest.fixture
def outlets(httpserver, private_ok):
    """Outlets a and b report both events; c (fetched later) reports them too."""
    sources = {}
    for n, name in enumerate("abc"):
        items = [(name, key, *EVENTS[key][n]) for key in EVENTS]
        url = serve(httpserver, f"/{name}", _feed(items))
        sources[name] = make_source(url, name=f"Outlet {name}", auto_publish=True)
    return sources


def _ingest(*sources: Source) -> None:
    for source in sources:
        Source.objects.filter(pk=source.pk).update(etag="", last_modified="")
        source.refresh_from_db()
        source_ingest(source=source)


def _story_of(outlet: str, key: str) -> int | None:
    return Article.objects.get(source_url=f"https://{outlet}.example/{key}").story_id


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="x"))
    return client


def test_a_split_survives_later_runs(admin_client, outlets):
    _ingest(outlets["a"], outlets["b"])
    story = Story.objects.get(pk=_story_of("a", "zentra"))
    assert _story_of("b", "zentra") == story.pk
    members = list(story.articles.order_by("published_at", "pk"))
    split_off = members[1]
    data = {
        "articles-TOTAL_FORMS": str(len(members)),
        "articles-INITIAL_FORMS": str(len(members)),
        "articles-MIN_NUM_FORMS": "0",
        "articles-MAX_NUM_FORMS": "0",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "0",
    }
    for n, article in enumerate(members):
        data[f"articles-{n}-id"] = str(article.pk)
        data[f"articles-{n}-story"] = str(story.pk)
    data[f"articles-{members.index(split_off)}-split_off"] = "on"
    response = admin_client.post(reverse("admin:articles_story_change", args=[story.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = StoryDecision.objects.get(action="split")
    assert decision.article_ids == [split_off.pk]
    assert _story_of("a", "zentra") != _story_of("b", "zentra")

    _ingest(outlets["a"], outlets["b"], outlets["c"])  # again, and a third outlet's copy
    assert _story_of("a", "zentra") == story.pk
    assert _story_of("b", "zentra") == decision.story_id
    assert _story_of("c", "zentra") in (story.pk, decision.story_id)
    assert Article.objects.filter(source_url__endswith="/zentra").count() == 3


def test_a_merge_survives_later_runs(admin_client, outlets):
    _ingest(outlets["a"], outlets["b"])
    first, second = _story_of("a", "zentra"), _story_of("a", "orbis")
    assert first
    assert second
    assert first != second
    response = admin_client.post(
        reverse("admin:articles_story_changelist"),
        {"action": "merge_stories", "_selected_action": [first, second]},
    )
    assert response.status_code == 302
    merged = StoryDecision.objects.get(action="merge").story_id
    members = {(o, k): _story_of(o, k) for o in "ab" for k in EVENTS}
    assert set(members.values()) == {merged}
    # One story, listed once.
    assert Article.objects.filter(story=merged, story_lead=True).count() == 1

    _ingest(outlets["a"], outlets["b"], outlets["c"])
    assert {_story_of(o, k) for o in "ab" for k in EVENTS} == {merged}
    assert Story.objects.filter(pk__in=[first, second]).exclude(pk=merged).count() == 0
