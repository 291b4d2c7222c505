"""The editorial side of the Article admin: roles, workflow, revisions, preview, calendar.

`articles/admin.py` registers a plain Article admin (articles knows nothing of the newsroom);
this module puts the newsroom's rules on top of it (WorkflowArticleAdminMixin, and the
revision and calendar pages of admin_pages.py) and registers the result in its place.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from cryptoflexs.articles.admin import ArticleAdmin
from cryptoflexs.articles.models import Article, Author

from . import services
from .admin_pages import ArticlePagesAdminMixin
from .article_form import EditorFormMixin
from .checklist import publish_checklist
from .media_admin import MediaImageAdmin  # noqa: F401  (registers the media library)
from .models import ArticleRevision, ArticleTransition
from .preview import preview_url

S = Article.Status


def author_profile_for(user) -> Author:
    """Return the Author a back-office user writes as, creating it on first use."""
    profile = Author.objects.filter(user=user).first()
    if profile is not None:
        return profile
    name = user.get_full_name() or user.get_username()
    base = slugify(name) or f"user-{user.pk}"
    slug, n = base, 1
    while Author.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Author.objects.create(user=user, name=name, slug=slug)


class WorkflowArticleAdminMixin(EditorFormMixin):
    change_list_template = "admin/articles/article/change_list.html"
    workflow_readonly = ["workflow_history", "preview_link", "revisions_link"]

    # --- who sees and edits what -------------------------------------------------------
    def _sees_all(self, request) -> bool:
        return request.user.has_perm("articles.edit_others_articles")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if self._sees_all(request) else qs.filter(author__user=request.user)

    def _own_editable_states(self, request) -> set[str]:
        states = {S.DRAFT, S.UNPUBLISHED}
        if request.user.has_perm("articles.submit_article"):
            states.add(S.IN_REVIEW)
        return states

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None or self._sees_all(request):
            return allowed
        return services.user_owns(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self._sees_all(request):
            return True
        return services.user_owns(request.user, obj) and obj.status in self._own_editable_states(
            request
        )

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or self._sees_all(request):
            return True
        return services.user_owns(request.user, obj) and obj.status == S.DRAFT

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *self.workflow_readonly]
        if not self._sees_all(request):
            fields += ["author", "is_top_insight"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append(("Workflow", {"fields": self.workflow_readonly}))
        return fieldsets

    # --- the status field offers only the moves this user may make ---------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class WorkflowForm(base):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                field = self.fields.get("status")
                if field is None:
                    return
                current = self.instance.status if self.instance.pk else S.DRAFT
                probe = self.instance
                if not probe.pk:  # a new article is its writer's own
                    probe = Article(status=S.DRAFT, author=Author(user=user))
                allowed = services.allowed_transitions(article=probe, user=user)
                field.choices = [
                    (v, label) for v, label in S.choices if v == current or v in allowed
                ]
                field.help_text = (
                    "Scheduled: goes live at the publication time. Published with a future "
                    "time is scheduled."
                )

            def _post_clean(self):
                super()._post_clean()
                target = self.cleaned_data.get("status")
                current = self.initial.get("status", S.DRAFT) if self.instance.pk else S.DRAFT
                if target in services.GOING_PUBLIC and target != current:
                    for error in publish_checklist(self.instance).errors:
                        self.add_error(None, error)
                    when = self.cleaned_data.get("published_at")
                    if target == S.SCHEDULED and (when is None or when <= timezone.now()):
                        self.add_error(
                            "published_at", "Choose a future publication time to schedule."
                        )

        return WorkflowForm

    def save_model(self, request, obj, form, change):
        old = Article.objects.filter(pk=obj.pk).values("status").first() if change else None
        old_status = old["status"] if old else S.DRAFT
        target = obj.status
        obj.status = old_status  # the state changes only through the workflow service
        if not self._sees_all(request) or (not change and obj.author_id is None):
            obj.author = obj.author if self._sees_all(request) else author_profile_for(request.user)
        # Saved through articles.services, which also keeps a changed slug's old address.
        super().save_model(request, obj, form, change)
        request._workflow_target = (target, old_status)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        services.revision_create(article=article, by=request.user)
        target, old_status = getattr(request, "_workflow_target", (article.status, article.status))
        if target == old_status:
            return
        try:
            services.article_transition(article=article, to=target, by=request.user)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return
        for warning in publish_checklist(article).warnings:
            messages.warning(request, warning)
        if article.status == S.SCHEDULED:
            messages.info(
                request,
                f"Scheduled for {timezone.localtime(article.published_at):%B %-d, %Y %H:%M %Z}.",
            )

    # --- bulk actions ---------------------------------------------------------------------
    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("articles.publish_article"):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        if not self._sees_all(request):
            actions.pop("mark_top_insight", None)
            actions.pop("unmark_top_insight", None)
        return actions

    def _bulk_transition(self, request, queryset, to):
        done, failed = 0, []
        for article in queryset:
            try:
                services.article_transition(article=article, to=to, by=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                reason = " ".join(getattr(exc, "messages", [str(exc)]))
                failed.append(f"“{article.title}”: {reason}")
        if done:
            self.message_user(request, f"{done} article(s) moved to {S(to).label.lower()}.")
        for line in failed:
            self.message_user(request, line, level=messages.ERROR)

    @admin.action(description="Publish selected articles")
    def publish_selected(self, request, queryset):
        self._bulk_transition(request, queryset, S.PUBLISHED)

    @admin.action(description="Unpublish selected articles")
    def unpublish_selected(self, request, queryset):
        self._bulk_transition(request, queryset, S.UNPUBLISHED)

    # --- read-only panels -----------------------------------------------------------------
    @admin.display(description="History")
    def workflow_history(self, obj):
        rows = ArticleTransition.objects.filter(article=obj).select_related("by")[:50]
        if not rows:
            return "No state changes yet."
        return format_html(
            "<table><thead><tr><th>When</th><th>Change</th><th>By</th><th>Note</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        timezone.localtime(t.at).strftime("%Y-%m-%d %H:%M:%S"),
                        S(t.from_status).label,
                        S(t.to_status).label,
                        t.by.get_username() if t.by else "system",
                        t.note,
                    )
                    for t in rows
                ),
            ),
        )

    @admin.display(description="Preview link")
    def preview_link(self, obj):
        if obj.pk is None or obj.is_live:
            return "The article is public: use its address."
        days = settings.PREVIEW_LINK_MAX_AGE // 86400
        url = preview_url(obj.pk)
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open preview</a> — share this link; '
            "it works for {} day(s) without logging in.",
            url,
            days,
        )

    @admin.display(description="Revisions")
    def revisions_link(self, obj):
        count = ArticleRevision.objects.filter(article=obj).count()
        url = reverse("admin:articles_article_revisions", args=[obj.pk])
        return format_html('<a href="{}">{} revision(s): compare or restore</a>', url, count)


# Replaces the plain registration of articles/admin.py (imported above, so it came first).
admin.site.unregister(Article)


@admin.register(Article)
class EditorialArticleAdmin(WorkflowArticleAdminMixin, ArticlePagesAdminMixin, ArticleAdmin):
    """The Article admin the newsroom uses: roles, workflow, revisions, calendar."""

    actions = ["publish_selected", "unpublish_selected", *ArticleAdmin.actions]
