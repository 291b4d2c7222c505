"""Import articles from JSON Lines: one article per line, re-runnable (matched by slug).

`parse_line` validates one line into an `ArticleLine` (pure, no database); `articles_import`
stores a whole file. A bad line is reported and skipped, every good line is still imported.
Writes go in batches: one transaction, one bulk INSERT of the new articles and one of their
tags per batch, with categories, tags and authors cached for the whole run. Existing articles
take the slower path of `Article.save()`. Images are fetched before a batch's transaction
opens, so that no database lock is held while waiting on the network.
"""

import contextlib
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import slug_re
from django.db import transaction
from django.utils.text import slugify
from tqdm import tqdm

from cryptoflexs.core.html import sanitize_html, strip_control_chars
from cryptoflexs.core.images import (
    EXTENSIONS,
    delete_quietly,
    delete_renditions,
    make_renditions,
    prepare_original,
    validate_image,
)
from cryptoflexs.core.models import validate_not_reserved
from cryptoflexs.core.net import FetchError, fetch_bytes
from cryptoflexs.core.text import normalise_title, word_count

from .models import Article, Author, Category, Tag

REQUIRED_FIELDS = ("title", "slug", "body_html", "category", "tags", "published_at", "author")
BATCH_SIZE = 500
URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class LineError(ValueError):
    """A line that cannot be imported; the message says why, for the person fixing the file."""


class ImageError(ValueError):
    """An image that was not attached; the article is imported without it."""


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


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.bad_lines)} bad lines skipped, {len(self.warnings)} warnings"
        )


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


def _unique_slug(name: str, taken: set, fallback: str, max_length: int = 100) -> str:
    base = slugify(name)[: max_length - 8].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


class _Catalogue:
    """Categories, tags and authors by name: read once, created on first use."""

    def __init__(self, category_parent: tuple[str, ...]):
        self.category_parent = category_parent
        self.categories = list(Category.objects.all())
        self.by_path: dict[tuple[str, ...], Category] = {}
        self.tags, self.tag_slugs = {}, set()
        for tag in Tag.objects.order_by("-pk"):
            self.tags[tag.slug] = self.tags[tag.name.casefold()] = tag
            self.tag_slugs.add(tag.slug)
        self.tag_by_name: dict[str, Tag] = {}
        self.authors, self.author_slugs = {}, set()
        for author in Author.objects.order_by("-pk"):
            self.authors[author.name.casefold()] = author
            self.author_slugs.add(author.slug)

    def category(self, names: tuple[str, ...]) -> Category:
        if names not in self.by_path:
            if len(names) == 1 and self.category_parent:
                self.by_path[names] = self.category(self.category_parent + names)
            else:
                self.by_path[names] = self._find_or_create(names)
        return self.by_path[names]

    def _find_or_create(self, names: tuple[str, ...]) -> Category:
        keys = [(name.casefold(), slugify(name)) for name in names]
        if len(names) == 1:
            folded, slug = keys[0]
            found = [c for c in self.categories if c.name.casefold() == folded or c.slug == slug]
            if len(found) > 1:
                paths = ", ".join(sorted(c.path for c in found))
                raise LineError(f"category {names[0]!r} is ambiguous ({paths}): give a path")
            if found:
                return found[0]
        parent = None
        for name, (folded, slug) in zip(names, keys, strict=True):
            siblings = [c for c in self.categories if c.parent_id == getattr(parent, "pk", None)]
            node = next(
                (c for c in siblings if c.name.casefold() == folded or c.slug == slug), None
            )
            if node is None:
                slug = _unique_slug(name, {c.slug for c in siblings}, "category")
                if parent and len(parent.path) + len(slug) >= 500:
                    raise LineError(f"category path {'/'.join(names)!r} is too long")
                node = Category(name=name, slug=slug, parent=parent)
                node.save()
                self.categories.append(node)
            parent = node
        return parent

    def tag(self, name: str) -> Tag:
        if name not in self.tag_by_name:
            tag = self.tags.get(slugify(name)) or self.tags.get(name.casefold())
            if tag is None:
                tag = Tag.objects.create(name=name, slug=_unique_slug(name, self.tag_slugs, "tag"))
                self.tags.setdefault(tag.slug, tag)
                self.tags.setdefault(name.casefold(), tag)
            self.tag_by_name[name] = tag
        return self.tag_by_name[name]

    def author(self, name: str) -> Author:
        key = name.casefold()
        if key not in self.authors:
            slug = _unique_slug(name, self.author_slugs, "author")
            self.authors[key] = Author.objects.create(name=name, slug=slug)
        return self.authors[key]


def _image_bytes(ref: str, base_dir: Path) -> bytes:
    if URL_RE.match(ref):
        try:
            return fetch_bytes(ref, max_bytes=settings.IMAGE_MAX_UPLOAD_BYTES).content
        except FetchError as exc:
            raise ImageError(exc.reason) from None
    path = base_dir / ref  # an absolute `ref` replaces base_dir
    if not path.is_file():
        raise ImageError(f"no such file {str(path)!r}")
    if path.stat().st_size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ImageError(f"file larger than {settings.IMAGE_MAX_UPLOAD_BYTES} bytes")
    return path.read_bytes()


def _store_image(line: ArticleLine, base_dir: Path) -> dict:
    """Fetch, check and save the line's image with its renditions (the same image policy as
    uploads in the back office); return the Article fields that point to it."""
    data = _image_bytes(line.image_url, base_dir)
    try:
        validate_image(data)
        data, info = prepare_original(data)
    except ValidationError as exc:
        raise ImageError(" ".join(exc.messages)) from None
    image_field = Article._meta.get_field("featured_image")
    storage = image_field.storage
    name = image_field.generate_filename(None, f"{line.slug[:60]}{EXTENSIONS[info.format]}")
    name = storage.save(name, ContentFile(data), max_length=image_field.max_length)
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


def _fields(line: ArticleLine, category: Category, author: Author) -> dict:
    """Return the values the line sets, as `Article.save()` would store them."""
    values = {
        "title": line.title,
        "body_html": sanitize_html(line.body_html),
        "published_at": line.published_at,
        "category_id": category.pk,
        "author_id": author.pk,
    }
    if line.excerpt is not None:
        values["excerpt"] = line.excerpt
    if line.image_credit is not None:
        values["featured_image_credit"] = line.image_credit
    return values


class _Importer:
    def __init__(self, *, base_dir, category_parent, dry_run, report):
        self.base_dir = base_dir
        self.catalogue = _Catalogue(category_parent)
        self.dry_run = dry_run
        self.report = report
        self.summary = ImportSummary()

    def bad(self, number: int, reason: str) -> None:
        self.summary.bad_lines.append((number, reason))
        self.report(f"line {number}: {reason}")

    def warn(self, number: int, reason: str) -> None:
        self.summary.warnings.append((number, reason))
        self.report(f"line {number}: warning: {reason}")

    def batch(self, lines: list[ArticleLine]) -> None:
        images = {} if self.dry_run else self.fetch_images(lines)
        try:
            with transaction.atomic():
                self.write(lines, images)
        except BaseException:
            for image in images.values():
                self.delete_image(image)
            raise

    @staticmethod
    def delete_image(image: dict) -> None:
        storage = Article._meta.get_field("featured_image").storage
        delete_renditions(storage, image.get("featured_image_renditions", []))
        delete_quietly(storage, image["featured_image"])

    def fetch_images(self, lines: list[ArticleLine]) -> dict[int, dict]:
        has_image = set(
            Article.objects.filter(slug__in=[line.slug for line in lines])
            .exclude(featured_image="")
            .values_list("slug", flat=True)
        )
        images = {}
        for line in lines:
            if line.image_url and line.slug not in has_image:
                try:
                    images[line.number] = _store_image(line, self.base_dir)
                except ImageError as exc:
                    self.warn(line.number, f"image not imported: {exc}")
                else:
                    has_image.add(line.slug)
        return images

    def write(self, lines: list[ArticleLine], images: dict[int, dict]) -> None:
        existing = Article.objects.in_bulk([line.slug for line in lines], field_name="slug")
        through = Article.tags.through
        tag_ids: dict[int, set[int]] = {}
        for article_id, tag_id in through.objects.filter(
            article_id__in=[a.pk for a in existing.values()]
        ).values_list("article_id", "tag_id"):
            tag_ids.setdefault(article_id, set()).add(tag_id)
        new, later, new_slugs = [], [], set()
        for line in lines:
            try:
                category = self.catalogue.category(line.category)
            except LineError as exc:
                self.bad(line.number, str(exc))
                if line.number in images:
                    self.delete_image(images.pop(line.number))
                continue
            values = _fields(line, category, self.catalogue.author(line.author))
            tags = {self.catalogue.tag(name).pk for name in line.tags}
            item = (line, values, tags, images.get(line.number))
            if line.slug in existing or line.slug in new_slugs:
                later.append(item)
            else:
                new.append(item)
                new_slugs.add(line.slug)
        created = [self.build(*item) for item in new]
        Article.objects.bulk_create(created)
        if any(article.pk is None for article in created):  # a backend without RETURNING
            ids = dict(
                Article.objects.filter(slug__in=[a.slug for a in created]).values_list("slug", "pk")
            )
            for article in created:
                article.pk = ids[article.slug]
        through.objects.bulk_create(
            through(article_id=article.pk, tag_id=tag_id)
            for article, (_, _, tags, _) in zip(created, new, strict=True)
            for tag_id in tags
        )
        self.summary.created += len(created)
        existing.update({article.slug: article for article in created})
        tag_ids.update({article.pk: item[2] for article, item in zip(created, new, strict=True)})
        for line, values, tags, image in later:
            article = existing[line.slug]
            self.update(article, values, tags, image, tag_ids.get(article.pk, set()))
            tag_ids[article.pk] = tags

    @staticmethod
    def build(line: ArticleLine, values: dict, tags: set[int], image: dict | None) -> Article:
        article = Article(
            slug=line.slug,
            status=Article.Status.PUBLISHED,
            title_key=normalise_title(values["title"])[:300],
            word_count=word_count(values["body_html"]),
            **values,
            **(image or {}),
        )
        if image:
            article.featured_image_alt = line.title
        return article

    def update(self, article, values, tags, image, old_tags) -> None:
        changed = [name for name, value in values.items() if getattr(article, name) != value]
        for name in changed:
            setattr(article, name, values[name])
        if image:
            article.featured_image = image["featured_image"]
            article.featured_image_renditions = image["featured_image_renditions"]
            article.featured_image_alt = article.featured_image_alt or article.title
            changed.append("featured_image")
        if changed:
            article.save()
        if tags != old_tags:
            article.tags.set(tags)
        if changed or tags != old_tags:
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1


def _numbered(path: Path | None, lines: Iterable[str] | None) -> Iterator[tuple[int, str | None]]:
    """Yield (line number, text), text None where the bytes are not UTF-8."""
    if path is None:
        yield from enumerate(lines or (), start=1)
        return
    with path.open("rb") as file:
        for number, raw in enumerate(file, start=1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None


def _count_lines(path: Path) -> int:
    with path.open("rb") as file:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))


def articles_import(
    *,
    path: Path | None = None,
    lines: Iterable[str] | None = None,
    base_dir: Path | None = None,
    category_parent: str = "",
    batch_size: int = BATCH_SIZE,
    dry_run: bool = False,
    progress: bool = True,
    stream: TextIO | None = None,
) -> ImportSummary:
    """Import the JSON Lines in `path` (or `lines`); report bad lines and warnings on `stream`.

    Articles are matched by slug: a new slug creates a published article, a known one is
    updated (its status is left alone). Missing categories, tags and authors are created.
    A bare category name is looked up anywhere in the tree, or under `category_parent`
    ("Crypto") when given. `image_url` is a URL, or a file path relative to `base_dir`
    (default: the file's folder). With `dry_run` nothing is stored and no image is fetched.
    """
    stream = stream or sys.stderr
    base_dir = base_dir or (path.parent if path else Path.cwd())
    parent = tuple(name.strip() for name in category_parent.split("/") if name.strip())
    total = _count_lines(path) if path else None
    bar = tqdm(total=total, unit=" lines", file=stream, disable=not progress, mininterval=0.5)

    def report(message: str) -> None:
        tqdm.write(message, file=stream)

    with transaction.atomic() if dry_run else contextlib.nullcontext():
        importer = _Importer(
            base_dir=base_dir, category_parent=parent, dry_run=dry_run, report=report
        )
        pending: list[ArticleLine] = []
        for number, text in _numbered(path, lines):
            bar.update(1)
            if text is None:
                importer.bad(number, "not valid UTF-8")
                continue
            if not text.strip():
                continue
            try:
                pending.append(parse_line(text, number))
            except LineError as exc:
                importer.bad(number, str(exc))
            if len(pending) >= batch_size:
                importer.batch(pending)
                pending = []
        if pending:
            importer.batch(pending)
        if dry_run:
            transaction.set_rollback(True)
    bar.close()
    return importer.summary
