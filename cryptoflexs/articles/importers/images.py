"""Featured images of imported articles: fetched or read, checked like uploads in the back
office (type, size, pixels, integrity, no location metadata), stored with their renditions."""

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename

from cryptoflexs.core.images import (
    EXTENSIONS,
    delete_quietly,
    delete_renditions,
    make_renditions,
    prepare_original,
    validate_image,
)
from cryptoflexs.core.net import FetchError, fetch_bytes

from ..models import Article


class ImageError(ValueError):
    """An image that was not attached; the article is imported without it."""


def fetch_image(url: str) -> bytes:
    """Return the bytes at `url` (at most IMAGE_MAX_UPLOAD_BYTES), or raise ImageError."""
    try:
        return fetch_bytes(url, max_bytes=settings.IMAGE_MAX_UPLOAD_BYTES).content
    except FetchError as exc:
        raise ImageError(exc.reason) from exc


def stem_from_url(url: str) -> str:
    """Return a safe file name stem for the image at `url` ("image" when it has none)."""
    stem = PurePosixPath(unquote(urlsplit(url).path)).stem
    return (get_valid_filename(stem)[:80] if stem.strip(" ._") else "") or "image"


def store_image(data: bytes, stem: str) -> dict:
    """Check and store `data` as a featured image named after `stem`, with its renditions;
    return the Article fields that point to it. Raise ImageError when it is not an image we
    accept; nothing stays in storage then."""
    try:
        validate_image(data)
        data, info = prepare_original(data)
    except ValidationError as exc:
        raise ImageError(" ".join(exc.messages)) from None
    except OSError as exc:
        raise ImageError(f"cannot re-encode the image: {exc}") from exc
    field = Article._meta.get_field("featured_image")
    storage = field.storage
    name = field.generate_filename(None, f"{stem}{EXTENSIONS[info.format]}")
    name = storage.save(name, ContentFile(data), max_length=field.max_length)
    try:
        renditions = make_renditions(
            storage=storage, name=name, widths=settings.IMAGE_RENDITION_WIDTHS
        )
    except Exception:  # nothing half-written: the original goes too, then the error shows
        delete_quietly(storage, name)
        raise
    return {
        "featured_image": name,
        "featured_image_width": info.width,
        "featured_image_height": info.height,
        "featured_image_renditions": renditions,
    }


def delete_image(fields: dict) -> None:
    """Delete what store_image() stored (its transaction rolled back)."""
    storage = Article._meta.get_field("featured_image").storage
    delete_renditions(storage, fields.get("featured_image_renditions", []))
    delete_quietly(storage, fields["featured_image"])
