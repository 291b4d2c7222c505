"""The demo gives an editor something to do (#16, item 5): drafts, a review queue with
revisions, a scheduled article, stories from demo sources that are never fetched, comments
and submissions to moderate, a week of views; and its pictures have renditions (item 2)."""

import datetime as dt
import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from cryptoflexs.analytics.selectors import most_popular, views_per_day
from cryptoflexs.articles.models import Article, Story
from cryptoflexs.comments.models import Comment
from cryptoflexs.demo.loader import demo_load
from cryptoflexs.editorial.models import ArticleTransition
from cryptoflexs.ingest.models import IngestedEntry, Source
from cryptoflexs.submissions.models import Submission

S = Article.Status


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = demo_load(progress=False)
        yield summary
        from tests.demo.test_load_demo import _delete_everything

        _delete_everything()


@pytest.fixture
def loaded(demo, db):
    return demo


def test_drafts_wait_in_the_back_office(loaded):
    drafts = Article.objects.filter(status=S.DRAFT)
    assert drafts.count() >= 3
    # One only has a title, as a draft may (#16, item 6).
    assert drafts.filter(body_html="").exists()
    for draft in drafts:
        assert draft.revisions.exists(), draft.title
        assert draft.author is not None
        assert draft.author.user is not None


def test_review_queue_has_articles_with_revisions(loaded):
    queue = Article.objects.filter(status=S.IN_REVIEW, source_name="")
    assert queue.count() >= 2
    for article in queue:
        revisions = list(article.revisions.order_by("number"))
        assert len(revisions) >= 2, article.title
        assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
        assert all(r.note and r.created_by_id == article.author.user_id for r in revisions)
        # The last revision is the article as it stands.
        assert revisions[-1].title == article.title
        assert revisions[-1].body_html == article.body_html
        moved = ArticleTransition.objects.get(article=article)
        assert (moved.from_status, moved.to_status) == (S.DRAFT, S.IN_REVIEW)
    # Two of them changed between revisions: something for "compare" to show.
    assert any(len({r.body_html for r in a.revisions.all()}) > 1 for a in queue)


def test_one_article_is_scheduled_and_not_yet_public(loaded, client):
    scheduled = Article.objects.get(status=S.SCHEDULED)
    assert scheduled.published_at > timezone.now() + dt.timedelta(hours=12)
    assert scheduled.featured_image_renditions
    transition = ArticleTransition.objects.get(article=scheduled, to_status=S.SCHEDULED)
    assert transition.by.has_perm("articles.publish_article")
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert escape(scheduled.title) not in client.get("/").content.decode()


def test_sources_entries_are_stories_with_also_reported_by(loaded, client):
    assert Source.objects.count() >= 4
    stored = IngestedEntry.objects.filter(article__isnull=False)
    assert stored.count() >= 10
    stories = [
        story
        for story in Story.objects.all()
        if story.articles.filter(status=S.PUBLISHED).exclude(source_name="").count() >= 2
    ]
    assert len(stories) >= 3
    for story in stories:
        members = list(story.articles.filter(status=S.PUBLISHED))
        outlets = {a.source_name for a in members}
        assert len(outlets) == len(members)  # told by different outlets
        lead = next(a for a in members if a.story_lead)
        page = client.get(lead.get_absolute_url()).content.decode()
        assert "Also reported by" in page
        for other in members:
            if other != lead:
                assert escape(other.source_name) in page
                assert escape(other.title) in page
    # Lists show each story once.
    home = client.get("/").content.decode()
    for story in stories:
        shown = [a for a in story.articles.all() if f'href="{a.get_absolute_url()}"' in home]
        assert len(shown) <= 1
    # A source that does not publish by itself fills the review queue.
    assert Article.objects.filter(status=S.IN_REVIEW).exclude(source_name="").exists()


def test_no_demo_source_is_ever_fetched(loaded):
    later = timezone.now() + dt.timedelta(days=30)
    assert not Source.objects.due().exists()
    assert not Source.objects.due(later).exists()
    assert not Source.objects.filter(active=True).exists()  # what `ingest --all` takes
    for source in Source.objects.all():
        assert urlsplit(source.feed_url).hostname.endswith(".example"), source.feed_url
        assert source.last_fetch_at is None
    out = io.StringIO()
    call_command("ingest", "--no-progress", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("0 sources: fetched 0")
    out = io.StringIO()
    call_command("ingest", "--all", "--no-progress", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("0 sources: fetched 0")


def test_comments_and_submissions_wait_for_moderation(loaded):
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    assert pending.count() >= 3
    assert Comment.objects.filter(status=Comment.Status.APPROVED).exists()
    assert Submission.objects.filter(status=Submission.Status.NEW).count() >= 3
    assert {s.kind for s in Submission.objects.all()} == set(Submission.Kind.values)


def test_a_week_of_views_fills_most_popular_and_the_chart(loaded, client):
    week = views_per_day(7)
    assert len(week) == 7
    assert all(views > 0 for _, views in week), week
    assert len(most_popular(limit=3)) == 3
    home = client.get("/").content.decode()
    assert "Most Popular" in home
    article = most_popular(limit=3)[0]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Most Popular" in page


def test_second_run_adds_no_back_office_rows(loaded):
    counts = (Article.objects.count(), Comment.objects.count(), Submission.objects.count())
    views = sum(v for _, v in views_per_day(7))
    summary = demo_load(progress=False)
    assert (summary.unpublished, summary.ingested, summary.pending, summary.views) == (0, 0, 0, 0)
    assert counts == (Article.objects.count(), Comment.objects.count(), Submission.objects.count())
    assert views == sum(v for _, v in views_per_day(7))


def test_demo_pictures_have_renditions_and_lists_a_srcset(loaded, client):
    generated = Article.objects.filter(status=S.PUBLISHED, source_name="")
    for article in generated:
        widths = [r["width"] for r in article.featured_image_renditions]
        assert widths == [200, 400, 800], article.slug
    home = client.get("/").content.decode()
    newest = generated.filter(story_lead=True).order_by("-published_at").first()
    card = home.split(f'href="{newest.get_absolute_url()}"', 1)[1].split("</a>", 1)[0]
    assert "srcset=" in card
    assert ".webp 200w" in card


def test_home_page_shows_each_story_once(loaded, client):
    """Top Insights, Latest News, the category blocks and the sidebar's Most Popular never
    show one article, or two copies of one story, twice (#16, item 4)."""
    response = client.get("/")
    context = response.context
    shown = [*context["top_insights"], *context["latest"]]
    shown += [a for _, articles in context["category_blocks"] for a in articles]
    assert len(context["category_blocks"]) >= 3
    html = response.content.decode()
    sidebar = html.split('id="widget-popular"', 1)[1].split("</section>", 1)[0]
    popular = [
        a for a in Article.objects.published() if f'href="{a.get_absolute_url()}"' in sidebar
    ]
    assert popular
    shown += popular
    assert len({a.pk for a in shown}) == len(shown)
    stories = [a.story_id for a in shown if a.story_id]
    assert len(set(stories)) == len(stories)
    # The sidebar leaves out the lists the main column already shows.
    assert 'id="widget-recent"' not in html
    assert 'id="widget-insights"' not in html
