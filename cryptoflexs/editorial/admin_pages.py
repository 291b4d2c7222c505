"""The extra pages of the Article admin: revisions (compare, restore) and the calendar."""

import calendar
import datetime as dt
import difflib
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from cryptoflexs.articles.models import Article

from . import services
from .models import ArticleRevision

S = Article.Status
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|figure|div)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def _text_lines(html: str) -> list[str]:
    text = _BLOCK_END.sub("\n", html or "")
    return [line.strip() for line in _TAG.sub("", text).splitlines() if line.strip()]


class ArticlePagesAdminMixin:
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
