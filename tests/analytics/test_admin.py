"""The admin's analytics page: a chart of views per day and the most read articles."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from cryptoflexs.analytics.charts import bar_chart, nice_ceiling
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import utc_today
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/admin/analytics/articleviewday/"


@pytest.fixture
def views():
    hit, other = factories.article("The hit"), factories.article("The other")
    today = utc_today()
    ArticleViewDay.objects.create(article=hit, day=today, views=1200)
    ArticleViewDay.objects.create(article=hit, day=today - dt.timedelta(days=3), views=300)
    ArticleViewDay.objects.create(article=other, day=today - dt.timedelta(days=12), views=40)
    return hit, other


class DashboardTests:
    def test_shows_the_chart_and_the_top_articles(self, admin_client, views):
        hit, other = views
        response = admin_client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<svg class="views-chart"' in html
        assert 'role="img"' in html
        assert '<title id="views-chart-title">' in html
        assert html.count('class="views-chart__bar"') == 30
        assert "Views per day as a table" in html
        assert "Most read, last 7 days" in html
        assert "Most read, last 30 days" in html
        assert f'href="/admin/articles/article/{hit.pk}/change/">The hit</a>' in html
        assert "1,500" in html  # the hit's 7-day total
        top_7 = response.context["tops"][0]["rows"]
        top_30 = response.context["tops"][1]["rows"]
        assert [row["title"] for row in top_7] == ["The hit"]
        assert [row["title"] for row in top_30] == ["The hit", "The other"]

    def test_is_read_only(self, admin_client, views):
        row = ArticleViewDay.objects.first()
        assert admin_client.get(f"{URL}add/").status_code == 403
        response = admin_client.post(f"{URL}{row.pk}/change/", {"views": 1})
        assert response.status_code == 403
        row.refresh_from_db()
        assert row.views != 1

    def test_anonymous_are_sent_to_log_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_staff_need_the_view_permission(self, client, django_user_model):
        user = django_user_model.objects.create_user("writer", password="x", is_staff=True)
        client.force_login(user)
        assert client.get(URL).status_code == 403
        user.user_permissions.add(Permission.objects.get(codename="view_articleviewday"))
        assert client.get(URL).status_code == 200

    def test_renders_with_no_views_at_all(self, admin_client):
        response = admin_client.get(URL)
        assert response.status_code == 200
        assert "No views counted in this period yet." in response.content.decode()


class ChartTests:
    def test_axis_tops_are_round_numbers(self):
        cases = {0: 1, 1: 1, 2: 2, 3: 3, 7: 8, 10: 10, 11: 20, 2700: 3000, 8001: 10000}
        assert {value: nice_ceiling(value) for value in cases} == cases

    def test_bars_scale_to_the_axis_and_the_newest_day_is_labelled(self):
        start = dt.date(2026, 3, 1)
        series = [(start + dt.timedelta(days=n), n * 10) for n in range(10)]
        chart = bar_chart(series, height=220)
        tallest = chart.bars[-1]
        assert tallest.value == 90
        assert tallest.y + tallest.height == chart.bottom
        assert tallest.height == pytest.approx(90 / 100 * (chart.bottom - 12), abs=0.1)
        assert chart.bars[0].height == 0
        assert [bar.label for bar in chart.bars if bar.label] == ["Mar 3", "Mar 10"]
        assert [tick.value for tick in chart.ticks] == [0, 50, 100]
