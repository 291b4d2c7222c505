"""Import articles from JSON Lines: one article per line, re-runnable (matched by slug).

`lines.parse_line` validates one line (pure, no database); `articles_import` stores a whole
file. A bad line is reported and skipped, every good line is still imported. Lines are written
in batches of one transaction each, with categories, tags and authors cached for the whole
run; every article goes through articles.services. Images are fetched before a batch's
transaction opens, so that no database lock is held while waiting on the network.
"""

import contextlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from tqdm import tqdm

from cryptoflexs.core.cache import content_changes_deferred
from cryptoflexs.core.html import sanitize_html

from .. import services
from ..models import Article, Author, Category
from ..services import ArticleBatch
from ..slugs import slug_problem, slugs_taken
from .catalogue import Catalogue
from .images import ImageError, delete_image, fetch_image, store_image
from .lines import ArticleLine, LineError, parse_line

BATCH_SIZE = 500
URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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


def _image_bytes(ref: str, base_dir: Path) -> bytes:
    if URL_RE.match(ref):
        return fetch_image(ref)
    path = base_dir / ref  # an absolute `ref` replaces base_dir
    if not path.is_file():
        raise ImageError(f"no such file {str(path)!r}")
    if path.stat().st_size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ImageError(f"file larger than {settings.IMAGE_MAX_UPLOAD_BYTES} bytes")
    return path.read_bytes()


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
        self.catalogue = Catalogue(category_parent)
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
                delete_image(image)
            raise

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
                    data = _image_bytes(line.image_url, self.base_dir)
                    images[line.number] = store_image(data, line.slug[:60])
                except ImageError as exc:
                    self.warn(line.number, f"image not imported: {exc}")
                else:
                    has_image.add(line.slug)
        return images

    def write(self, lines: list[ArticleLine], images: dict[int, dict]) -> None:
        existing = Article.objects.in_bulk([line.slug for line in lines], field_name="slug")
        # A new line's slug must be free: not a static page, nor an article's old address.
        # Checked here for the whole batch, so article_create need not check each again.
        refused = slugs_taken({line.slug for line in lines} - set(existing))
        through = Article.tags.through
        tag_ids: dict[int, set[int]] = {}
        for article_id, tag_id in through.objects.filter(
            article_id__in=[a.pk for a in existing.values()]
        ).values_list("article_id", "tag_id"):
            tag_ids.setdefault(article_id, set()).add(tag_id)
        batch, later = ArticleBatch(), []
        queued: dict[str, set[int]] = {}  # slug → tags of the batch's new articles
        for line in lines:
            try:
                if line.slug in refused and line.slug not in existing:
                    raise LineError(f"slug {line.slug!r}: {slug_problem(line.slug)}")
                category = self.catalogue.category(line.category)
                values = _fields(line, category, self.catalogue.author(line.author))
                tags = {self.catalogue.tag(name).pk for name in line.tags}
                item = (line, values, tags, images.get(line.number))
                if line.slug in existing or line.slug in queued:
                    later.append(item)  # updates wait until the batch's new rows exist
                else:
                    self.create(*item, batch=batch)
                    queued[line.slug] = tags
            except (LineError, ValidationError) as exc:
                self.bad(line.number, "; ".join(getattr(exc, "messages", [str(exc)])))
                if line.number in images:
                    delete_image(images.pop(line.number))
        created = batch.flush()
        self.summary.created += len(created)
        existing.update({article.slug: article for article in created})
        tag_ids.update({article.pk: queued[article.slug] for article in created})
        for line, values, tags, image in later:
            article = existing[line.slug]
            self.update(article, values, tags, image, tag_ids.get(article.pk, set()))
            tag_ids[article.pk] = tags

    @staticmethod
    def create(line: ArticleLine, values: dict, tags: set[int], image: dict | None, *, batch):
        if image:
            values = {**values, **image, "featured_image_alt": line.title}
        # A refused line raises before anything is written: the rest of its batch stays.
        services.article_create(
            slug=line.slug, slug_checked=True, status=Article.Status.PUBLISHED, tags=tags,
            batch=batch, **values,
        )  # fmt: skip

    def update(self, article, values, tags, image, old_tags) -> None:
        changed = {name: value for name, value in values.items() if getattr(article, name) != value}
        if image:
            changed["featured_image"] = image["featured_image"]
            changed["featured_image_renditions"] = image["featured_image_renditions"]
            changed["featured_image_alt"] = article.featured_image_alt or article.title
        if changed or tags != old_tags:
            services.article_update(
                article=article, tags=tags if tags != old_tags else None, **changed
            )
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

    with (
        transaction.atomic() if dry_run else contextlib.nullcontext(),
        # One cache version bump for the whole file, not one per article.
        content_changes_deferred(),
    ):
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
