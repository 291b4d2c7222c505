"""Editorial writes: workflow transitions, scheduled publication, revisions, slug history."""

import datetime as dt
import logging
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cryptoflexs.articles import services as articles
from cryptoflexs.articles.hooks import articles_published
from cryptoflexs.articles.models import Article
from cryptoflexs.core.cache import content_changed
from cryptoflexs.core.enqueue import enqueue_on_commit
from cryptoflexs.core.images import (
    EXTENSIONS,
    delete_quietly,
    make_renditions,
    prepare_original,
    validate_image,
)

from .checklist import publish_checklist
from .models import ArticleRevision, ArticleTransition, MediaImage

logger = logging.getLogger(__name__)

S = Article.Status

# Which states each state may move to. Scheduled → published is normally the scheduler's.
WORKFLOW: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.SCHEDULED, S.PUBLISHED}),
    S.IN_REVIEW: frozenset({S.DRAFT, S.SCHEDULED, S.PUBLISHED}),
    S.SCHEDULED: frozenset({S.DRAFT, S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.UNPUBLISHED}),
    S.UNPUBLISHED: frozenset({S.DRAFT, S.PUBLISHED}),
}
GOING_PUBLIC = frozenset({S.SCHEDULED, S.PUBLISHED})
# A scheduled article published later than this after its time is logged as late.
LATE_AFTER = dt.timedelta(seconds=60)


def user_owns(user, article: Article) -> bool:
    return article.author is not None and article.author.user_id == getattr(user, "pk", None)


def allowed_transitions(*, article: Article, user) -> set[str]:
    """Return the states `user` may move `article` to from its current state."""
    targets = set(WORKFLOW.get(article.status, ()))
    if user.has_perm("articles.publish_article"):
        return targets
    allowed = set()
    owner = user_owns(user, article)
    if owner and user.has_perm("articles.submit_article") and article.status == S.DRAFT:
        allowed.add(S.IN_REVIEW)
    if owner and article.status == S.IN_REVIEW:
        allowed.add(S.DRAFT)  # the author withdraws it from review
    return allowed & targets


def article_transition(
    *, article: Article, to: str, by, at: dt.datetime | None = None, note: str = ""
) -> ArticleTransition:
    """Move `article` to state `to` on behalf of `by`, recording who and when.

    Publishing or scheduling requires the publish checklist to pass. Publishing with a
    publication time in the future schedules instead; scheduling needs a future time.
    """
    now = at or timezone.now()
    if to not in allowed_transitions(article=article, user=by):
        raise PermissionDenied(
            f"You cannot move this article from {S(article.status).label} to {S(to).label}."
        )
    if to == S.PUBLISHED and article.published_at and article.published_at > now:
        to = S.SCHEDULED
    if to in GOING_PUBLIC:
        checklist = publish_checklist(article)
        if not checklist.ok:
            raise ValidationError(checklist.errors)
    if to == S.SCHEDULED and (article.published_at is None or article.published_at <= now):
        raise ValidationError("Choose a publication time in the future to schedule the article.")

    with transaction.atomic():
        current = Article.objects.select_for_update().only("status").get(pk=article.pk)
        if current.status != article.status:
            raise ValidationError(
                "Someone else changed this article's state meanwhile; reload and try again."
            )
        from_status = article.status
        article.status = to
        fields = ["status", "updated_at"]
        if to == S.PUBLISHED and article.published_at is None:
            # A re-published article keeps its original date; a new one is dated now.
            article.published_at = now
            fields.append("published_at")
        article.save(update_fields=fields)
        record = ArticleTransition.objects.create(
            article=article, from_status=from_status, to_status=to, by=by, at=now, note=note
        )
        if to == S.SCHEDULED:
            # A lost task is only a delay: articles_publish_due_task sweeps every minute.
            enqueue_on_commit(
                "article_publish_scheduled_task", article.pk, eta=article.published_at
            )
        if to == S.PUBLISHED:
            articles_published(article_ids=[article.pk])
    return record


def article_publish_due(*, article_id: int, now: dt.datetime | None = None) -> bool:
    """Publish a scheduled article whose time has come. Safe to call any number of times
    from any number of workers: only the call whose conditional UPDATE flips the state
    records the transition, so the article is published exactly once."""
    now = now or timezone.now()
    with transaction.atomic():
        flipped = Article.objects.filter(
            pk=article_id, status=S.SCHEDULED, published_at__lte=now
        ).update(status=S.PUBLISHED, updated_at=now)
        if not flipped:
            return False
        due = Article.objects.values_list("published_at", flat=True).get(pk=article_id)
        delay = now - due
        note = "Published by the scheduler"
        if delay > LATE_AFTER:
            note += f", {int(delay.total_seconds())} s late"
            logger.warning(
                "scheduled article %s published %.0f s after its time (were the workers down?)",
                article_id,
                delay.total_seconds(),
            )
        ArticleTransition.objects.create(
            article_id=article_id, from_status=S.SCHEDULED, to_status=S.PUBLISHED, at=now, note=note
        )
        # update() sends no signals: tell the page cache directly.
        transaction.on_commit(content_changed)
        articles_published(article_ids=[article_id])
    logger.info("published scheduled article %s", article_id)
    return True


def articles_publish_due(*, now: dt.datetime | None = None) -> int:
    """Publish every scheduled article whose time has passed; return how many."""
    now = now or timezone.now()
    due = Article.objects.filter(status=S.SCHEDULED, published_at__lte=now).values_list(
        "pk", flat=True
    )
    return sum(article_publish_due(article_id=pk, now=now) for pk in list(due))


def revision_create(*, article: Article, by, note: str = "") -> ArticleRevision:
    """Keep a snapshot of the article as it is now saved (tags included)."""
    last = article.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        created_by=by,
        note=note,
        title=article.title,
        slug=article.slug,
        excerpt=article.excerpt,
        body_html=article.body_html,
        category_id=article.category_id,
        tag_ids=sorted(article.tags.values_list("pk", flat=True)),
        featured_image_alt=article.featured_image_alt,
        featured_image_credit=article.featured_image_credit,
    )


def revision_restore(*, revision: ArticleRevision, by) -> ArticleRevision:
    """Bring the article back to `revision`'s content; the restore is itself a new revision."""
    article = revision.article
    values = {
        "title": revision.title,
        "slug": revision.slug,
        "excerpt": revision.excerpt,
        "body_html": revision.body_html,
        "featured_image_alt": revision.featured_image_alt,
        "featured_image_credit": revision.featured_image_credit,
    }
    if revision.category_id:
        values["category_id"] = revision.category_id
    with transaction.atomic():
        tags = article.tags.model.objects.filter(pk__in=revision.tag_ids)
        articles.article_update(article=article, tags=list(tags), **values)
        return revision_create(article=article, by=by, note=f"Restored revision {revision.number}")


def media_image_create(*, uploaded_file, filename: str, alt: str = "", by=None) -> MediaImage:
    """Store an image for article bodies, with WebP renditions, in the media library.

    The same checks as a featured image (cryptoflexs/core/images.py): ValidationError for
    a file that is not an acceptable image; location data and rotation are cleaned; if
    anything fails, every file written is deleted before the error propagates.
    """
    alt = (alt or "").strip()
    MediaImage._meta.get_field("alt").clean(alt, None)
    validate_image(uploaded_file)
    uploaded_file.seek(0)
    data, info = prepare_original(uploaded_file.read())
    field = MediaImage._meta.get_field("image")
    stem = PurePosixPath((filename or "").replace("\\", "/")).stem.lstrip(".")[:50] or "image"
    name = field.generate_filename(None, stem + EXTENSIONS[info.format])
    storage = field.storage
    written: list[str] = []
    try:
        saved = storage.save(name, ContentFile(data), max_length=field.max_length)
        written.append(saved)
        renditions = make_renditions(
            storage=storage, name=saved, widths=settings.IMAGE_RENDITION_WIDTHS
        )
        written += [r["name"] for r in renditions]
        # Width and height given, so that the field does not re-read the file for them.
        media = MediaImage.objects.create(
            image=saved, width=info.width, height=info.height, renditions=renditions, alt=alt,
            uploaded_by=by,
        )  # fmt: skip
    except BaseException:
        for written_name in written:
            delete_quietly(storage, written_name)
        raise
    return media
