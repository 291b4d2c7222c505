"""One line of a JSON Lines import, validated into an `ArticleLine` (pure: no database)."""

import datetime as dt
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import slug_re

from cryptoflexs.core.html import strip_control_chars
from cryptoflexs.core.models import validate_not_reserved

REQUIRED_FIELDS = ("title", "slug", "body_html", "category", "tags", "published_at", "author")


class LineError(ValueError):
    """A line that cannot be imported; the message says why, for the person fixing the file."""


@dataclass(frozen=True)
class ArticleLine:
    """One valid line. Optional fields are None when absent (the stored value is kept)."""

    number: int
    title: str
    slug: str
    body_html: str
    category: tuple[str, ...]  # names from the root down, or one bare name
    tags: tuple[str, ...]
    published_at: dt.datetime
    author: str
    excerpt: str | None = None
    image_url: str | None = None
    image_credit: str | None = None


def _text(data: dict, name: str, *, max_length: int | None = None) -> str | None:
    """Return field `name` cleaned of control characters and outer spaces (None if absent)."""
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise LineError(f"field '{name}' must be a string")
    value = strip_control_chars(value).strip()
    if max_length is not None and len(value) > max_length:
        raise LineError(f"{name} is longer than {max_length} characters")
    return value


def _tag_names(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineError("field 'tags' must be a list of names")
    names = {}
    for item in value:
        item = strip_control_chars(item).strip()
        if len(item) > 100:
            raise LineError(f"tag {item[:30]!r}… is longer than 100 characters")
        if item:
            names.setdefault(item.casefold(), item)
    return tuple(names.values())


def parse_line(text: str, number: int) -> ArticleLine:
    """Validate one JSON line; raise LineError saying what is wrong with it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError(
            f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"
        ) from None
    if not isinstance(data, dict):
        raise LineError("invalid JSON (not an object)")
    for name in REQUIRED_FIELDS:
        if data.get(name) is None:
            raise LineError(f"missing field '{name}'")
    values = {
        "title": _text(data, "title", max_length=300),
        "slug": _text(data, "slug", max_length=200),
        "body_html": _text(data, "body_html"),
        "author": _text(data, "author", max_length=100),
        "excerpt": _text(data, "excerpt"),
        "image_url": _text(data, "image_url") or None,
        "image_credit": _text(data, "image_credit", max_length=200),
    }
    for name in ("title", "slug", "body_html", "author"):
        if not values[name]:
            raise LineError(f"empty field '{name}'")
    slug = values["slug"]
    if not slug_re.match(slug):
        raise LineError(f"invalid slug {slug!r} (letters, digits, '-' and '_' only)")
    try:
        validate_not_reserved(slug)
    except ValidationError as exc:
        raise LineError(f"slug {slug!r}: {exc.messages[0]}") from None
    if not isinstance(data["category"], str):
        raise LineError("field 'category' must be a name or a path such as Crypto/Bitcoin")
    category = tuple(
        filter(None, (strip_control_chars(n).strip() for n in data["category"].split("/")))
    )
    if not category:
        raise LineError("empty field 'category'")
    if any(len(name) > 100 for name in category):
        raise LineError("category name is longer than 100 characters")
    published = _text(data, "published_at")
    try:
        published_at = dt.datetime.fromisoformat(published)
    except ValueError:
        raise LineError(f"bad date {published!r} in published_at (ISO 8601 expected)") from None
    if published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=dt.UTC)
    return ArticleLine(
        number=number,
        category=category,
        tags=_tag_names(data["tags"]),
        published_at=published_at.astimezone(dt.UTC),
        **values,
    )
