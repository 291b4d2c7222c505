"""Most Popular: the most read of the last 7 days, not of all time."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.template import Context, Template

from cryptoflexs.analytics import selectors
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import utc_today, views_flush
from cryptoflexs.articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def read(client, article, times):
    for _ in range(times):
        assert client.get(article.get_absolute_url()).status_code == 200


def days_ago(n):
    return utc_today() - dt.timedelta(days=n)


class MostPopularTests:
    def test_ranks_by_the_last_seven_days(self, views_backend, reader):
        old_hit = factories.article("Old hit")
        this_week = factories.article("This week's story")
        quiet = factories.article("Quiet story")
        # Old hit: many views 10 days ago, a few this week.
        ArticleViewDay.objects.create(article=old_hit, day=days_ago(10), views=500)
        read(reader, old_hit, 2)
        read(reader, this_week, 4)
        views_flush()
        # Views 6 days ago are inside the window; 7 days ago are outside.
        ArticleViewDay.objects.create(article=quiet, day=days_ago(6), views=1)
        ArticleViewDay.objects.create(article=quiet, day=days_ago(7), views=900)

        assert selectors.most_popular(days=7, limit=3) == [this_week, old_hit, quiet]

    def test_the_template_tag_renders_the_ranking(self, views_backend, reader):
        first, second = factories.article("Most read"), factories.article("Second")
        read(reader, second, 1)
        read(reader, first, 3)
        views_flush()
        template = Template(
            "{% load analytics_tags %}{% most_popular as popular %}"
            "{% for a in popular %}{{ a.title }};{% endfor %}"
        )
        assert template.render(Context({})) == "Most read;Second;"

    def test_each_story_once_and_only_published_articles(self, views_backend):
        story = factories.article("Bitcoin hits a record")
        copy = factories.article("Bitcoin hits a record!")  # the same story from another feed
        draft = factories.article("Draft", status=Article.Status.DRAFT, published_at=None)
        future = factories.article(
            "Embargoed", published_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        )
        other = factories.article("Other")
        for article, views in [(copy, 50), (story, 40), (draft, 90), (future, 80), (other, 1)]:
            ArticleViewDay.objects.create(article=article, day=utc_today(), views=views)
        assert selectors.most_popular() == [copy, other]

    def test_an_unpublished_article_leaves_the_list_at_once(self, views_backend):
        hit, other = factories.article("Hit"), factories.article("Other")
        ArticleViewDay.objects.create(article=hit, day=utc_today(), views=10)
        ArticleViewDay.objects.create(article=other, day=utc_today(), views=5)
        assert selectors.most_popular() == [hit, other]
        hit.status = Article.Status.DRAFT
        hit.save()
        assert selectors.most_popular() == [other]  # although the ranking is cached

    def test_the_ranking_is_cached_and_costs_one_query_when_warm(
        self, views_backend, django_assert_num_queries
    ):
        hit = factories.article("Hit")
        ArticleViewDay.objects.create(article=hit, day=utc_today(), views=10)
        with django_assert_num_queries(2):  # the ranking, the articles
            assert selectors.most_popular() == [hit]
        with django_assert_num_queries(1):
            popular = selectors.most_popular()
        with django_assert_num_queries(0):  # category and author came with it; no body
            assert (popular[0].category.name, popular[0].author) == (hit.category.name, None)
            assert "body_html" in popular[0].get_deferred_fields()

    def test_no_views_means_an_empty_list_and_no_article_query(self, django_assert_num_queries):
        factories.article()
        with django_assert_num_queries(1):
            assert selectors.most_popular() == []
        with django_assert_num_queries(0):
            assert selectors.most_popular() == []

    def test_a_broken_cache_does_not_break_the_list(self, monkeypatch, caplog):
        hit = factories.article("Hit")
        ArticleViewDay.objects.create(article=hit, day=utc_today(), views=3)

        def down(*args, **kwargs):
            raise ConnectionRefusedError("cache is down")

        monkeypatch.setattr(cache, "get", down)
        monkeypatch.setattr(cache, "set", down)
        assert selectors.most_popular() == [hit]
        assert "cache unavailable" in caplog.text


class DashboardSelectorTests:
    def test_views_per_day_has_every_day_of_the_window(self):
        article = factories.article()
        ArticleViewDay.objects.create(article=article, day=days_ago(0), views=3)
        ArticleViewDay.objects.create(article=article, day=days_ago(2), views=5)
        ArticleViewDay.objects.create(article=factories.article(), day=days_ago(2), views=1)
        ArticleViewDay.objects.create(article=article, day=days_ago(30), views=99)
        series = selectors.views_per_day(30)
        assert len(series) == 30
        assert series[0][0] == days_ago(29)
        assert series[-1] == (days_ago(0), 3)
        assert series[-3] == (days_ago(2), 6)
        assert sum(value for _, value in series) == 9

    def test_top_articles_include_any_status(self):
        draft = factories.article("Now a draft", status=Article.Status.DRAFT, published_at=None)
        live = factories.article("Live")
        ArticleViewDay.objects.create(article=draft, day=days_ago(1), views=7)
        ArticleViewDay.objects.create(article=live, day=days_ago(1), views=2)
        ArticleViewDay.objects.create(article=live, day=days_ago(20), views=20)
        assert [(r["title"], r["total"]) for r in selectors.top_articles(7)] == [
            ("Now a draft", 7),
            ("Live", 2),
        ]
        assert [(r["title"], r["total"]) for r in selectors.top_articles(30)] == [
            ("Live", 22),
            ("Now a draft", 7),
        ]


# The widget as added to templates/components/sidebar.html (keep the two in step).
SIDEBAR_WIDGET = """{% load analytics_tags %}
  {% most_popular as popular %}
  {% if popular %}
  <section class="widget" aria-labelledby="widget-popular">
    <h2 class="widget__title" id="widget-popular">Most Popular</h2>
    <ol class="mini-list">
      {% for item in popular %}{% include "components/mini_item.html" with article=item %}{% endfor %}
    </ol>
  </section>
  {% endif %}
"""  # noqa: E501


class SidebarWidgetTests:
    def test_lists_the_most_read_in_order(self, rf):
        first, second = factories.article("Most read"), factories.article("Second")
        ArticleViewDay.objects.create(article=second, day=utc_today(), views=2)
        ArticleViewDay.objects.create(article=first, day=utc_today(), views=9)
        html = Template(SIDEBAR_WIDGET).render(Context({"request": rf.get("/")}))
        assert '<h2 class="widget__title" id="widget-popular">Most Popular</h2>' in html
        assert html.index(first.get_absolute_url()) < html.index(second.get_absolute_url())
        assert html.count('<li class="mini-item">') == 2

    def test_is_left_out_when_nothing_was_read(self, rf):
        factories.article()
        assert Template(SIDEBAR_WIDGET).render(Context({})).strip() == ""
