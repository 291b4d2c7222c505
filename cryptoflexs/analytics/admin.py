from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from cryptoflexs.articles.models import Article

from . import charts, selectors
from .models import ArticleViewDay

CHART_DAYS = 30
TOP_WINDOWS = (7, 30)
TOP_LIMIT = 20


@admin.register(ArticleViewDay)
class ArticleViewDayAdmin(admin.ModelAdmin):
    """Read-only daily counts, under a dashboard: views per day and the most read articles."""

    list_display = ["day", "article_link", "views"]
    list_select_related = ["article"]
    date_hierarchy = "day"
    search_fields = ["article__title"]
    ordering = ["-day", "-views"]
    list_per_page = 100
    # The counts are derived from page views: nobody edits them by hand.
    readonly_fields = ["article", "day", "views"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)

    def changelist_view(self, request, extra_context=None):
        context = {"title": "Article views", **self.dashboard_context(), **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    def dashboard_context(self) -> dict:
        series = selectors.views_per_day(CHART_DAYS)
        statuses = dict(Article.Status.choices)
        tops = []
        for days in TOP_WINDOWS:
            rows = selectors.top_articles(days, TOP_LIMIT)
            for row in rows:
                row["admin_url"] = reverse(
                    "admin:articles_article_change", args=[row["article_id"]]
                )
                row["status_label"] = statuses.get(row["status"], row["status"])
            tops.append({"days": days, "rows": rows})
        total = sum(value for _, value in series)
        peak_day, peak = max(series, key=lambda item: item[1])
        return {
            "chart": charts.bar_chart(series),
            "chart_days": CHART_DAYS,
            "chart_series": series,
            "chart_total": total,
            "chart_peak_day": peak_day,
            "chart_peak": peak,
            "tops": tops,
        }
