"""The editorial side of the Article admin: roles, workflow, revisions, preview, calendar.

A mixin rather than a second ModelAdmin, so that `articles/admin.py` stays the one place
that registers Article and this module only adds the newsroom's rules to it.
"""

import calendar
import datetime as dt
import difflib
import re

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from cryptoflexs.articles.models import Article, Author

from . import services
from .article_form import EditorFormMixin
from .checklist import publish_checklist
from .media_admin import MediaImageAdmin  # noqa: F401  (registers the media library)
from .models import ArticleRevision, ArticleTransition
from .preview import preview_url

S = Article.Status
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|figure|div)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


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


def _text_lines(html: str) -> list[str]:
    text = _BLOCK_END.sub("\n", html or "")
    return [line.strip() for line in _TAG.sub("", text).splitlines() if line.strip()]


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
        old = Article.objects.filter(pk=obj.pk).values("status", "slug").first() if change else None
        old_status = old["status"] if old else S.DRAFT
        target = obj.status
        obj.status = old_status  # the state changes only through the workflow service
        if not self._sees_all(request) or (not change and obj.author_id is None):
            obj.author = obj.author if self._sees_all(request) else author_profile_for(request.user)
        super().save_model(request, obj, form, change)
        if old:
            services.article_slug_changed(article=obj, old_slug=old["slug"])
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

    # --- extra pages ----------------------------------------------------------------------
    def get_urls(self):
        extra = [
            path(
                "calendar/",
                self.admin_site.admin_view(self.calendar_view),
                name="articles_article_calendar",
            ),
            path(
                "<int:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        return extra + super().get_urls()

    def _article_or_404(self, request, object_id, *, for_change=False):
        article = self.get_queryset(request).filter(pk=object_id).first()
        if article is None:
            raise Http404("No such article")
        check = self.has_change_permission if for_change else self.has_view_permission
        if not check(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        revisions = list(
            ArticleRevision.objects.filter(article=article).select_related("created_by")
        )
        diff = None
        a, b = request.GET.get("a"), request.GET.get("b")
        if a and b:
            by_number = {str(r.number): r for r in revisions}
            old, new = by_number.get(a), by_number.get(b)
            if old is None or new is None:
                raise Http404("No such revision")
            if old.number > new.number:
                old, new = new, old
            diff = self._diff(old, new)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revisions of “{article.title}”",
            "opts": self.model._meta,
            "article": article,
            "revisions": revisions,
            "diff": diff,
            "selected": (a, b),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/editorial/revisions.html", context)

    @staticmethod
    def _diff(old: ArticleRevision, new: ArticleRevision) -> list[tuple[str, str]]:
        table = difflib.HtmlDiff(wrapcolumn=70)
        parts = []
        for label, before, after in (
            ("Title", [old.title], [new.title]),
            ("Slug", [old.slug], [new.slug]),
            ("Excerpt", [old.excerpt], [new.excerpt]),
            ("Body", _text_lines(old.body_html), _text_lines(new.body_html)),
            ("Image alt text", [old.featured_image_alt], [new.featured_image_alt]),
            ("Image credit", [old.featured_image_credit], [new.featured_image_credit]),
        ):
            if before != after:
                parts.append(
                    (
                        label,
                        table.make_table(
                            before, after, f"Revision {old.number}", f"Revision {new.number}",
                            context=label == "Body", numlines=2,
                        ),
                    )
                )  # fmt: skip
        if old.tag_ids != new.tag_ids:
            parts.append(("Tags", "<p>The tags differ.</p>"))
        return parts

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[object_id])
            )
        article = self._article_or_404(request, object_id, for_change=True)
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        try:
            services.revision_restore(revision=revision, by=request.user)
        except ValidationError as exc:
            messages.error(request, "Could not restore: " + " ".join(exc.messages))
        else:
            messages.success(request, f"Restored revision {number}.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))

    def calendar_view(self, request):
        today = timezone.localdate()
        try:
            year, month = (int(x) for x in request.GET.get("month", "").split("-"))
            first = dt.date(year, month, 1)
        except ValueError:
            first = today.replace(day=1)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(weeks[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        articles = (
            self.get_queryset(request)
            .filter(
                status__in=[S.SCHEDULED, S.PUBLISHED], published_at__gte=start, published_at__lt=end
            )
            .select_related("category")
            .defer("body_html")
            .order_by("published_at")
        )
        by_day: dict[dt.date, list[Article]] = {}
        for article in articles:
            by_day.setdefault(timezone.localdate(article.published_at), []).append(article)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Editorial calendar: {first:%B %Y}",
            "opts": self.model._meta,
            "weeks": [
                [(day, by_day.get(day, []), day.month == first.month) for day in w] for w in weeks
            ],
            "weekdays": [calendar.day_abbr[i] for i in range(7)],
            "today": today,
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "this_month": f"{today:%Y-%m}",
        }
        return TemplateResponse(request, "admin/editorial/calendar.html", context)
