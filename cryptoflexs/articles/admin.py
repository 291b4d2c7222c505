from django.contrib import admin
from django.utils.html import format_html

from cryptoflexs.editorial.admin import WorkflowArticleAdminMixin

from .models import Article, ArticleRedirect, Author, Category, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "show_in_menu", "menu_order"]
    list_editable = ["show_in_menu", "menu_order"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["path"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


@admin.register(Article)
class ArticleAdmin(WorkflowArticleAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "category",
        "author",
        "published_at",
        "is_top_insight",
        "view_link",
    ]
    list_filter = [
        "status",
        "is_top_insight",
        "comments_open",
        "category",
        "author",
        "published_at",
    ]
    list_select_related = ["category", "author"]
    search_fields = ["title", "slug", "excerpt"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "author"]
    list_per_page = 50
    save_on_top = True
    actions = ["publish_selected", "unpublish_selected", "mark_top_insight", "unmark_top_insight"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "excerpt", "body_html"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "category", "tags"]}),
        (
            "Featured image",
            {"fields": ["featured_image", "featured_image_alt", "featured_image_credit"]},
        ),
        ("Options", {"fields": ["is_top_insight", "comments_open"]}),
    ]

    @admin.display(description="On site")
    def view_link(self, obj):
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())

    @admin.action(description="Mark as Top Insight")
    def mark_top_insight(self, request, queryset):
        updated = queryset.update(is_top_insight=True)
        self.message_user(request, f"{updated} article(s) marked as Top Insight.")

    @admin.action(description="Remove from Top Insights")
    def unmark_top_insight(self, request, queryset):
        updated = queryset.update(is_top_insight=False)
        self.message_user(request, f"{updated} article(s) removed from Top Insights.")


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article", "created_at"]
    search_fields = ["old_path", "article__title"]
    raw_id_fields = ["article"]
