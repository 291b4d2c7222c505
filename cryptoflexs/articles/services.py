"""Writes to articles: keyword-only functions that validate, run in a transaction and
schedule their side effects for after the commit.

`article_create` and `article_update` are the one way an article is written: the admin, both
importers, ingest, submissions and the demo all call them, so every article gets its address
from the one slug rule (slugs.py), its links' rel from its sponsored flag, and its old
address kept as a redirect when the slug changes.
"""

from collections.abc import Iterable
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from cryptoflexs.core.cache import content_changed
from cryptoflexs.core.images import (
    EXTENSIONS,
    delete_quietly,
    make_renditions,
    prepare_original,
    validate_image,
)

from .models import Article, ArticleRedirect, Tag
from .slugs import slug_allocate

# Never checked again on save: a new image goes through article_set_featured_image, and the
# ImageField's validation would re-read the stored file (an error when it is missing).
_NOT_VALIDATED = ["featured_image"]
S = Article.Status


def article_create(
    *,
    article: Article | None = None,
    tags: Iterable[Tag | int] | None = None,
    slug_taken: set[str] | None = None,
    slug_tiebreak: str = "",
    slug_checked: bool = False,
    batch: "ArticleBatch | None" = None,
    **fields,
) -> Article:
    """Create an article from `fields` (Article field names) and return it.

    The slug is `fields["slug"]` when free, else the first free variant of it (or of the
    title when no slug is given): see slugs.slug_allocate, which also takes `slug_taken` (slugs
    the caller knows are taken) and `slug_tiebreak` (tried before numbering); `slug_checked`
    says the caller found `fields["slug"]` free with slugs.slugs_taken() in this transaction
    (an import checks a whole batch in one go). With `batch`, the article is validated now
    and written at `batch.flush()`, together with the batch's others. `article` is an
    unsaved Article already holding values (the admin's form); `fields` are set on top.
    Raise ValidationError when the article is not valid; nothing is stored then.
    """
    article = article if article is not None else Article()
    if article.pk is not None:
        raise ValueError("article_create() takes a new article; use article_update()")
    for name, value in fields.items():
        setattr(article, name, value)
    wished = article.slug
    if not (slug_checked and wished):
        article.slug = slug_allocate(
            wished or article.title,
            taken=slug_taken,
            tiebreak=slug_tiebreak,
            already_slug=bool(wished),
        )
    _validate(article)
    if batch is not None:
        batch.add(article, tags)
        return article
    # No savepoint: nothing was written when validation fails, and a caller's transaction
    # (an import batch, an ingested entry) is the unit that rolls back on a database error.
    with transaction.atomic(savepoint=False):
        article.save()
        if tags:
            through = Article.tags.through
            through.objects.bulk_create(
                through(article_id=article.pk, tag_id=getattr(tag, "pk", tag)) for tag in tags
            )
    return article


class ArticleBatch:
    """New articles that article_create(batch=…) validated, written by flush() in one INSERT
    (and one for their tags) inside the caller's transaction: bulk imports write thousands.

    Slugs must already be settled for the whole batch (article_create's `slug_checked`):
    the rows are inserted together, without a check between them.
    """

    def __init__(self):
        self.pending: list[tuple[Article, list[int]]] = []

    def add(self, article: Article, tags: Iterable[Tag | int] | None) -> None:
        article.derive_fields()
        self.pending.append((article, [getattr(tag, "pk", tag) for tag in tags or ()]))

    def flush(self) -> list[Article]:
        """Insert the pending articles and their tags; return the articles, with their ids."""
        pending, self.pending = self.pending, []
        if not pending:
            return []
        articles = Article.objects.bulk_create([article for article, _ in pending])
        if any(article.pk is None for article in articles):  # a backend without RETURNING
            ids = dict(
                Article.objects.filter(slug__in=[a.slug for a in articles]).values_list(
                    "slug", "pk"
                )
            )
            for article in articles:
                article.pk = ids[article.slug]
        through = Article.tags.through
        through.objects.bulk_create(
            through(article_id=article.pk, tag_id=tag_id)
            for article, tag_ids in pending
            for tag_id in tag_ids
        )
        # bulk_create sends no post_save: tell the caches as a save would.
        content_changed()
        return articles


def article_update(
    *,
    article: Article,
    tags: Iterable[Tag | int] | None = None,
    slug_taken: set[str] | None = None,
    **fields,
) -> Article:
    """Set `fields` on the stored `article` (or save the values already set on it), then
    `tags` when given. A changed slug must be free (else its first free variant is taken),
    and a public article's old address keeps working (a 301, see article_slug_changed)."""
    for name, value in fields.items():
        setattr(article, name, value)
    stored_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
    if article.slug != stored_slug or not article.slug:
        article.slug = slug_allocate(
            article.slug or article.title,
            article=article,
            taken=slug_taken,
            already_slug=bool(article.slug),
        )
    _validate(article)
    with transaction.atomic(savepoint=False):
        article.save()
        if tags is not None:
            article.tags.set(tags)
        if stored_slug and stored_slug != article.slug:
            article_slug_changed(article=article, old_slug=stored_slug)
    return article


def _validate(article: Article) -> None:
    # Fields only: Article.clean() and the unique check are about the slug, which
    # slug_allocate has just chosen by the same rule. A foreign key that is set is left to
    # the database's constraint (validating it costs a query per key).
    related = [
        f.name
        for f in Article._meta.concrete_fields
        if f.is_relation and getattr(article, f.attname) is not None
    ]
    article.clean_fields(exclude=[*_NOT_VALIDATED, *related])


def article_slug_changed(*, article: Article, old_slug: str) -> None:
    """Keep the old address of a public article working with a 301 to the new one."""
    if old_slug == article.slug:
        return
    new_path = article.get_absolute_url()
    # The new address may have been an old one before (a slug changed back): no loop.
    ArticleRedirect.objects.filter(old_path=new_path).delete()
    if article.status in (S.PUBLISHED, S.UNPUBLISHED):
        ArticleRedirect.objects.update_or_create(
            old_path=f"/{old_slug}/", defaults={"article": article}
        )


# Leaves room in the field's 100 characters for "articles/YYYY/MM/", a suffix that
# get_available_name() may add, and the extension.
_IMAGE_STEM_MAX = 50


def article_set_featured_image(
    *, article: Article, uploaded_file_or_bytes, filename: str, alt: str = "", credit: str = ""
) -> Article:
    """Store an image as `article`'s featured image, with its renditions, alt text and credit.

    Raise ValidationError for a file that is not an acceptable image. The previous image
    and its renditions are deleted once the transaction commits; if anything fails on the
    way, every file written so far is deleted before the error propagates.
    """
    _validate_image_text(article, alt=alt, credit=credit)
    validate_image(uploaded_file_or_bytes)
    data, info = prepare_original(_read_all(uploaded_file_or_bytes))

    field = Article._meta.get_field("featured_image")
    storage = field.storage
    # The extension comes from the content: a PNG called "x.html" is stored as "x.png".
    stem = PurePosixPath((filename or "").replace("\\", "/")).stem.lstrip(".")
    stem = stem[:_IMAGE_STEM_MAX] or "image"
    name = field.generate_filename(article, stem + EXTENSIONS[info.format])

    written: list[str] = []
    try:
        saved = storage.save(name, ContentFile(data), max_length=field.max_length)
        written.append(saved)
        renditions = make_renditions(
            storage=storage, name=saved, widths=settings.IMAGE_RENDITION_WIDTHS
        )
        written += [r["name"] for r in renditions]
        with transaction.atomic():
            previous = None
            if article.pk is not None:
                previous = (
                    Article.objects.select_for_update()
                    .filter(pk=article.pk)
                    .values("featured_image", "featured_image_renditions")
                    .first()
                )
            article.featured_image = saved
            article.featured_image_width, article.featured_image_height = info.width, info.height
            article.featured_image_renditions = renditions
            article.featured_image_alt, article.featured_image_credit = alt, credit
            if previous is None:
                article.save()
            else:
                article.save(
                    update_fields=[
                        "featured_image",
                        "featured_image_width",
                        "featured_image_height",
                        "featured_image_renditions",
                        "featured_image_alt",
                        "featured_image_credit",
                        "updated_at",
                    ]
                )
                stale = [previous["featured_image"]]
                stale += [r.get("name") for r in previous["featured_image_renditions"] or ()]
                # A storage that overwrites may have reused a name: never delete what we wrote.
                stale = [n for n in stale if n and n not in written]
                if stale:
                    transaction.on_commit(partial(_delete_files, storage, stale))
    except BaseException:
        for written_name in written:
            delete_quietly(storage, written_name)
        raise
    return article


def _validate_image_text(article: Article, *, alt: str, credit: str) -> None:
    errors = {}
    for field_name, value in (("featured_image_alt", alt), ("featured_image_credit", credit)):
        try:
            Article._meta.get_field(field_name).clean(value, article)
        except ValidationError as exc:
            errors[field_name] = exc.error_list
    if errors:
        raise ValidationError(errors)


def _read_all(file_or_bytes) -> bytes:
    # validate_image() has bounded the size by IMAGE_MAX_UPLOAD_BYTES.
    if isinstance(file_or_bytes, bytes | bytearray | memoryview):
        return bytes(file_or_bytes)
    file_or_bytes.seek(0)
    return file_or_bytes.read()


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        delete_quietly(storage, name)
