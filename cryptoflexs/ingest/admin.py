from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from .models import FeedCategory, FetchLog, IngestedEntry, Source
from .services import source_ingest


class FetchLogInline(admin.TabularInline):
    model = FetchLog
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["started_at", "outcome", "http_status", "reason", "entries", "new", "duplicates"]
    readonly_fields = fields
    ordering = ["-started_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-started_at")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "active",
        "mode",
        "auto_publish",
        "last_fetch_at",
        "last_success_at",
        "last_outcome",
        "last_error",
        "next_fetch_at",
        "articles_created",
        "duplicates",
        "rejected",
    ]
    list_filter = ["active", "mode", "auto_publish", "last_outcome"]
    search_fields = ["name", "feed_url"]
    actions = ["fetch_now", "make_due"]
    readonly_fields = [
        "last_fetch_at",
        "last_success_at",
        "last_outcome",
        "last_error_at",
        "last_error",
        "last_warning",
        "consecutive_failures",
        "fetching_until",
        "etag",
        "last_modified",
        "entries_seen",
        "articles_created",
        "duplicates",
        "rejected",
    ]
    fieldsets = [
        (None, {"fields": ["name", "feed_url", "site_url", "active"]}),
        (
            "What to take",
            {
                "fields": [
                    "mode",
                    "auto_publish",
                    "default_category",
                    "include_keywords",
                    "exclude_keywords",
                ]
            },
        ),
        ("Schedule", {"fields": ["poll_interval", "next_fetch_at", "fetching_until"]}),
        (
            "Status",
            {
                "fields": [
                    "last_fetch_at",
                    "last_success_at",
                    "last_outcome",
                    "last_error_at",
                    "last_error",
                    "last_warning",
                    "consecutive_failures",
                    "etag",
                    "last_modified",
                    "entries_seen",
                    "articles_created",
                    "duplicates",
                    "rejected",
                ]
            },
        ),
    ]
    inlines = [FetchLogInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # Django 6's default; silences its warning
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description="Fetch now")
    def fetch_now(self, request, queryset):
        for source in queryset[:20]:
            result = source_ingest(source=source)
            level = messages.ERROR if result.outcome == "failed" else messages.SUCCESS
            self.message_user(
                request,
                f"{source.name}: {result.outcome or 'done'}"
                f"{' – ' + result.reason if result.reason else ''}; new {result.new}, "
                f"duplicates {result.duplicates}, rejected {result.rejected}",
                level,
            )

    @admin.action(description="Fetch at the next sweep")
    def make_due(self, request, queryset):
        count = queryset.update(next_fetch_at=timezone.now())
        self.message_user(request, f"{count} sources will be fetched within a minute.")


class CorrectedFilter(admin.SimpleListFilter):
    title = "category"
    parameter_name = "corrected"

    def lookups(self, request, model_admin):
        return [("yes", "corrected by an editor"), ("no", "as the classifier chose")]

    def queryset(self, request, queryset):
        differs = ~models.Q(article__category=models.F("predicted_category"))
        if self.value() == "yes":
            return queryset.filter(differs, article__isnull=False)
        if self.value() == "no":
            return queryset.filter(article__category=models.F("predicted_category"))
        return queryset


@admin.register(IngestedEntry)
class IngestedEntryAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "source",
        "published_at",
        "predicted_category",
        "article_category",
        "article",
    ]
    list_filter = ["source", CorrectedFilter]
    search_fields = ["title", "url", "guid"]
    raw_id_fields = ["article", "fetch"]
    list_select_related = ["source", "article__category", "predicted_category"]
    readonly_fields = ["dedup_key", "classifier", "feed_categories", "specifics"]

    @admin.display(description="category now", ordering="article__category")
    def article_category(self, obj):
        return obj.article.category if obj.article else "—"


@admin.register(FeedCategory)
class FeedCategoryAdmin(admin.ModelAdmin):
    """Outlets' own labels and our categories: a feature at ingest and a training label.
    Labels not listed use the built-in table; an empty category ignores a label."""

    list_display = ["label", "category"]
    list_editable = ["category"]
    search_fields = ["label"]
    autocomplete_fields = []
