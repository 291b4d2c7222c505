"""Writes to articles: keyword-only functions that validate, run in a transaction and
schedule their side effects for after the commit."""

from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from cryptoflexs.core.images import (
    EXTENSIONS,
    delete_quietly,
    make_renditions,
    prepare_original,
    validate_image,
)

from .models import Article

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
