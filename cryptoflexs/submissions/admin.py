from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from . import services
from .models import ContactMessage, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "sponsored", "contact_name", "status", "created_at",
                    "article_link"]  # fmt: skip
    list_filter = ["status", "kind", "sponsored"]
    waiting = [("new submissions", {"status__exact": "new"})]
    search_fields = ["title", "body", "contact_name", "contact_email", "organisation"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "ip_address", "handled_at", "handled_by", "created_at"]
    fields = ["kind", "sponsored", "title", "body", "link", "contact_name", "contact_email",
              "organisation", "category", "status", *readonly_fields]  # fmt: skip
    actions = ["make_draft", "reject", "mark_spam", "delete_selected"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="article")
    def article_link(self, obj):
        if not obj.article_id:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">draft #{}</a>', url, obj.article_id)

    def changelist_view(self, request, extra_context=None):
        new = Submission.objects.filter(status=Submission.Status.NEW).count()
        extra_context = {**(extra_context or {}), "title": f"Submissions — {new} new"}
        return super().changelist_view(request, extra_context)

    @admin.action(description="Turn into a draft article", permissions=["change"])
    def make_draft(self, request, queryset):
        if not request.user.has_perm("articles.add_article"):
            self.message_user(request, "You may not create articles.", messages.ERROR)
            return None
        made = []
        for submission in queryset.select_related("article"):
            try:
                made.append(services.submission_to_draft(submission=submission, by=request.user))
            except ValidationError as exc:
                self.message_user(
                    request, f"{submission}: {' '.join(exc.messages)}", messages.ERROR
                )
        if len(made) == 1:
            self.message_user(request, f"Draft article “{made[0]}” created.", messages.SUCCESS)
            return redirect("admin:articles_article_change", made[0].pk)
        if made:
            self.message_user(request, f"{len(made)} draft articles created.", messages.SUCCESS)
        return None

    @admin.action(description="Reject selected submissions", permissions=["change"])
    def reject(self, request, queryset):
        count = services.submissions_mark(
            submissions=queryset, status=Submission.Status.REJECTED, by=request.user
        )
        self.message_user(request, f"{count} rejected.", messages.SUCCESS)

    @admin.action(description="Mark selected submissions as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        count = services.submissions_mark(
            submissions=queryset, status=Submission.Status.SPAM, by=request.user
        )
        self.message_user(request, f"{count} marked as spam.", messages.SUCCESS)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "status", "created_at"]
    list_filter = ["status"]
    waiting = [("new contact messages", {"status__exact": "new"})]
    search_fields = ["subject", "message", "name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = ["name", "email", "subject", "message", "ip_address", "created_at"]
    actions = ["mark_answered", "mark_spam", "delete_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Mark as answered", permissions=["change"])
    def mark_answered(self, request, queryset):
        count = queryset.update(status=ContactMessage.Status.ANSWERED)
        self.message_user(request, f"{count} marked as answered.", messages.SUCCESS)

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        count = queryset.update(status=ContactMessage.Status.SPAM)
        self.message_user(request, f"{count} marked as spam.", messages.SUCCESS)
