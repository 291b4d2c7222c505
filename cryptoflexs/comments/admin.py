from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html

from . import selectors, services
from .models import Comment, CommentSettings


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "email", "article_link", "status", "created_at"]
    list_filter = ["status", "created_at"]
    # The admin index's "Waiting for you" (cryptoflexs/core/templatetags/admin_waiting.py).
    waiting = [("comments awaiting moderation", {"status__exact": "pending"})]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "article__title"]
    date_hierarchy = "created_at"
    raw_id_fields = ["article", "parent"]
    readonly_fields = ["ip_address", "user_agent", "moderated_at", "moderated_by"]
    fields = ["article", "parent", "name", "email", "body", "status", "created_at",
              *readonly_fields]  # fmt: skip
    actions = ["approve", "reject", "mark_spam", "delete_selected"]
    list_per_page = 50

    @admin.display(description="comment")
    def excerpt(self, obj):
        return truncatechars(obj.body, 80)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.article.title)

    def changelist_view(self, request, extra_context=None):
        pending = selectors.pending_count()
        extra_context = {
            **(extra_context or {}),
            "title": f"Comments — {pending} awaiting moderation",
            "pending_count": pending,
        }
        return super().changelist_view(request, extra_context)

    def _moderate(self, request, queryset, status, verb):
        count = services.comments_moderate(comments=queryset, status=status, by=request.user)
        self.message_user(
            request, f"{count} comment{'s' if count != 1 else ''} {verb}.", messages.SUCCESS
        )

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")


@admin.register(CommentSettings)
class CommentSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not CommentSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
