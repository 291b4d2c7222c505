"""`manage.py import_wordpress FILE.xml`: import a WordPress export (WXR).

Safe to re-run: articles are found again by their `/?p=ID` redirect, then by slug, and
categories, tags, authors and pages by slug, so a second run updates instead of duplicating.
"""

import contextlib
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.text import Truncator, get_valid_filename
from tqdm import tqdm

from cryptoflexs.articles import wordpress
from cryptoflexs.articles.models import Article, ArticleRedirect, Author, Category, Tag
from cryptoflexs.core.cache import content_changes_deferred
from cryptoflexs.core.html import html_to_text, sanitize_html, strip_control_chars
from cryptoflexs.core.images import delete_quietly, make_renditions
from cryptoflexs.core.models import RESERVED_SLUGS, Page
from cryptoflexs.editorial.services import article_slug_changed

UNCATEGORIZED = ("uncategorized", "Uncategorized")
REDIRECT_MAX = ArticleRedirect._meta.get_field("old_path").max_length
# WordPress post states → ours. A scheduled post stays scheduled (the every-minute sweep
# publishes it on time) and a pending one waits in review.
WORDPRESS_STATUS = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "pending": Article.Status.IN_REVIEW,
}


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, created: bool, changed: bool = True) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def __str__(self):
        text = f"{self.created} created, {self.updated} updated"
        return f"{text}, {self.unchanged} unchanged" if self.unchanged else text


@dataclass
class Report:
    posts: Tally = field(default_factory=Tally)
    pages: Tally = field(default_factory=Tally)
    categories: Tally = field(default_factory=Tally)
    tags: Tally = field(default_factory=Tally)
    authors: Tally = field(default_factory=Tally)
    redirects: Tally = field(default_factory=Tally)
    statuses: Counter = field(default_factory=Counter)
    images: Counter = field(default_factory=Counter)
    skipped: list[wordpress.Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Import posts, pages, categories, tags, authors and featured images from a WordPress "
        "export file (Tools → Export). Safe to run again: it updates what it imported before."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WXR file WordPress exported (.xml).")
        parser.add_argument(
            "--skip-images", action="store_true", help="Do not download featured images."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and import everything, then roll it back (no images are downloaded).",
        )

    def handle(self, *args, file, skip_images, dry_run, verbosity, **options):
        started = time.monotonic()
        try:
            export = wordpress.parse_wxr(file)
        except wordpress.WxrError as exc:
            raise CommandError(f"{file}: {exc} Nothing was imported.") from exc
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from exc

        importer = WordPressImporter(
            export, download_images=not (skip_images or dry_run), progress=verbosity > 0
        )
        # Each post has its own transaction, and images are fetched between them, so that a
        # long import never holds SQLite's write lock for long; a dry run is one big rollback.
        with (
            transaction.atomic() if dry_run else contextlib.nullcontext(),
            content_changes_deferred(),
        ):
            report = importer.run()
            if dry_run:
                transaction.set_rollback(True)
        if skip_images or dry_run:
            with_images = sum(1 for post in export.posts if post.thumbnail_id)
            report.images["not downloaded (--skip-images or --dry-run)"] = with_images
        self._print_summary(file, export, report, time.monotonic() - started, dry_run, verbosity)

    def _print_summary(self, file, export, report, seconds, dry_run, verbosity):
        out = self.stdout
        verb = "Dry run of" if dry_run else "Imported"
        out.write(self.style.SUCCESS(f"{verb} {file} in {seconds:.1f} s"))
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items()))
        out.write(f"  posts:      {report.posts}" + (f" ({statuses})" if statuses else ""))
        out.write(f"  pages:      {report.pages}")
        out.write(f"  categories: {report.categories}")
        out.write(f"  tags:       {report.tags}")
        out.write(f"  authors:    {report.authors}")
        out.write(f"  redirects:  {report.redirects}")
        images = ", ".join(f"{n} {what}" for what, n in report.images.items()) or "none"
        out.write(f"  images:     {images}")
        comments = sum(post.comment_count for post in export.posts + export.pages)
        if comments:
            out.write(f"  comments:   {comments} in the export, not imported")
        if verbosity > 1 and export.ignored:
            ignored = ", ".join(f"{n} {kind}" for kind, n in sorted(export.ignored.items()))
            out.write(f"  ignored:    {ignored}")
        if report.skipped:
            out.write(self.style.WARNING(f"  skipped:    {len(report.skipped)}"))
            for item in report.skipped:
                out.write(f"    - item {item.wp_id} “{item.title or '(no title)'}”: {item.reason}")
        if report.warnings:
            out.write(self.style.WARNING(f"  warnings:   {len(report.warnings)}"))
            for warning in report.warnings:
                out.write(f"    - {warning}")


class WordPressImporter:
    """Store an `Export` in the database: authors, categories and tags first, then posts
    (one transaction each, images fetched outside it), then pages."""

    def __init__(self, export: wordpress.Export, *, download_images: bool, progress: bool):
        self.export = export
        self.download_images = download_images
        self.progress = progress
        self.report = Report(skipped=list(export.skipped))
        self.authors: dict[str, Author] = {}
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.claimed_slugs: set[str] = set()

    def run(self) -> Report:
        for author in self.export.authors:
            self._author(author.login, author.display_name)
        for term in self.export.categories:
            self._category(term)
        for term in self.export.tags:
            self._tag(term)
        items = self.export.posts + self.export.pages
        with tqdm(total=len(items), unit="item", disable=not self.progress, file=sys.stderr) as bar:
            for post in self.export.posts:
                self._import_post(post)
                bar.update()
            for page in self.export.pages:
                self._import_page(page)
                bar.update()
        return self.report

    # --- Authors, categories, tags --------------------------------------------------------

    def _author(self, login: str, display_name: str = "") -> Author | None:
        if login in self.authors or not login:
            return self.authors.get(login)
        slug = wordpress.Author(login, display_name or login).slug
        name = (display_name or login)[:100]
        author, created = Author.objects.get_or_create(slug=slug, defaults={"name": name})
        # A name an editor changed here is kept unless WordPress really has one.
        changed = bool(not created and display_name and author.name != name)
        if changed:
            author.name = name
            author.save(update_fields=["name"])
        self.report.authors.add(created, changed)
        self.authors[login] = author
        return author

    def _category(self, term: wordpress.Term) -> Category:
        if term.slug in self.categories:
            return self.categories[term.slug]
        parent = None
        if term.parent:
            parent = self.categories.get(term.parent)
            if parent is None:
                self.report.warnings.append(
                    f"category “{term.name}”: parent “{term.parent}” is not in the export; "
                    "placed at the top level"
                )
        category = Category.objects.filter(parent=parent, slug=term.slug).first()
        created = category is None
        if created:
            category = Category(parent=parent, slug=term.slug)
        changed = created or category.name != term.name
        if changed or (term.description and not category.description):
            category.name = term.name
            category.description = category.description or term.description
            category.save()
        self.report.categories.add(created, changed)
        self.categories[term.slug] = category
        return category

    def _tag(self, term: wordpress.Term) -> Tag:
        if term.slug in self.tags:
            return self.tags[term.slug]
        tag, created = Tag.objects.get_or_create(slug=term.slug, defaults={"name": term.name})
        changed = not created and tag.name != term.name
        if changed:
            tag.name = term.name
            tag.save(update_fields=["name"])
        self.report.tags.add(created, changed)
        self.tags[term.slug] = tag
        return tag

    def _uncategorized(self) -> Category:
        slug, name = UNCATEGORIZED
        return self.categories.get(slug) or self._category(wordpress.Term(slug, name))

    # --- Posts ----------------------------------------------------------------------------

    def _import_post(self, post: wordpress.Post) -> None:
        # Looked up (or created) outside the post's transaction: a post that fails and rolls
        # back must not take with it rows that the caches above still hold.
        author = self._author(post.author_login)
        category = self._primary_category(post)
        tags = {self._tag(term).pk for term in post.tags}
        try:
            with transaction.atomic():
                article = self._save_article(post, author, category, tags)
                self._save_redirects(post, article)
        except ValidationError as exc:
            self.report.skipped.append(
                wordpress.Skipped(str(post.wp_id), post.title, validation_reason(exc))
            )
            return
        except DatabaseError as exc:
            self.report.skipped.append(
                wordpress.Skipped(str(post.wp_id), post.title, f"database error: {exc}")
            )
            return
        if post.thumbnail_id is not None and self.download_images:
            self._featured_image(post, article)

    def _save_article(self, post, author: Author | None, category: Category, tags: set[int]):
        article = Article.objects.filter(redirects__old_path=post.short_link).first()
        if article is None and post.slug not in self.claimed_slugs:
            article = Article.objects.filter(slug=post.slug).first()
        created = article is None
        if created:
            article = Article()
        old_slug = article.slug
        slug = self._free_slug(post, article)
        status = WORDPRESS_STATUS.get(post.status, Article.Status.DRAFT)
        if post.password_protected:
            status = Article.Status.DRAFT
            self.report.warnings.append(
                f"post {post.wp_id} “{post.title}” is password-protected in WordPress: "
                "imported as a draft"
            )
        body_html = sanitize_html(post.body_html())
        # WordPress allows a post without a title; its first words stand in for one.
        title = post.title or Truncator(html_to_text(body_html)).words(10, truncate="…")
        values = {
            "title": strip_control_chars(title).strip()[:300],
            "slug": slug,
            "excerpt": strip_control_chars(post.excerpt_text()).strip(),
            "body_html": body_html,
            "status": status,
            # Drafts take their date when published; scheduled and private posts keep theirs.
            "published_at": None if post.status in ("draft", "pending") else post.date,
            "author_id": author.pk if author else None,
            "category_id": category.pk,
            "comments_open": post.comments_open,
        }
        changed = created or any(getattr(article, k) != v for k, v in values.items())
        if not created and not changed:
            changed = set(article.tags.values_list("pk", flat=True)) != tags
        if changed:
            for name, value in values.items():
                setattr(article, name, value)
            article.full_clean(exclude=["featured_image"])
            article.save()
            article.tags.set(tags)
        if old_slug and old_slug != slug:
            article_slug_changed(article=article, old_slug=old_slug)
        self.claimed_slugs.add(slug)
        self.report.posts.add(created, changed)
        self.report.statuses[article.status] += 1
        return article

    def _primary_category(self, post: wordpress.Post) -> Category:
        if not post.categories:
            return self._uncategorized()
        for term in post.categories:
            self._category(term)
        return self.categories[post.categories[0].slug]

    def _free_slug(self, post: wordpress.Post, article: Article) -> str:
        """Return the post's slug, or the first `slug-N` that is neither one of the site's
        own paths nor taken by another article (stable from one run to the next)."""
        base, n = post.slug, 1
        slug = base
        while (
            slug in RESERVED_SLUGS
            or (slug in self.claimed_slugs and slug != article.slug)
            or Article.objects.filter(slug=slug).exclude(pk=article.pk).exists()
        ):
            n += 1
            slug = f"{base[: 200 - len(str(n)) - 1]}-{n}"
        if slug != base:
            self.report.warnings.append(
                f"post {post.wp_id} “{post.title}”: slug “{base}” is taken or reserved; "
                f"imported as “{slug}”"
            )
        return slug

    def _save_redirects(self, post: wordpress.Post, article: Article) -> None:
        paths = [post.short_link]
        old_path = post.old_path
        if old_path not in ("", "/", post.short_link, article.get_absolute_url()):
            paths.append(old_path)
        for path in paths:
            self._redirect(path, article)

    def _redirect(self, path: str, article: Article) -> None:
        if len(path) > REDIRECT_MAX:
            self.report.warnings.append(f"old address too long for a redirect: {path[:80]}…")
            return
        redirect, created = ArticleRedirect.objects.get_or_create(
            old_path=path, defaults={"article": article}
        )
        changed = not created and redirect.article_id != article.pk
        if changed:
            redirect.article = article
            redirect.save(update_fields=["article"])
        self.report.redirects.add(created, changed)

    def _featured_image(self, post: wordpress.Post, article: Article) -> None:
        images = self.report.images
        if article.featured_image:
            # Kept: it was imported before, or an editor chose it since.
            images["already present"] += 1
            return
        attachment = self.export.attachments.get(post.thumbnail_id)
        if attachment is None:
            images["failed"] += 1
            self.report.warnings.append(
                f"post {post.wp_id} “{post.title}”: featured image {post.thumbnail_id} "
                "is not in the export"
            )
            return
        try:
            content, extension = download_image(attachment.url)
            name = image_name(attachment.url, extension)
            article.featured_image.save(name, ContentFile(content), save=False)
            storage = article.featured_image.storage
            try:
                article.featured_image_renditions = make_renditions(
                    storage=storage,
                    name=article.featured_image.name,
                    widths=settings.IMAGE_RENDITION_WIDTHS,
                )
            except Exception:  # nothing half-written: the original goes too
                delete_quietly(storage, article.featured_image.name)
                raise
        except ImageError as exc:
            images["failed"] += 1
            self.report.warnings.append(
                f"post {post.wp_id} “{post.title}”: image {attachment.url}: {exc}"
            )
            return
        except OSError as exc:
            images["failed"] += 1
            self.report.warnings.append(f"post {post.wp_id}: cannot store image: {exc}")
            return
        article.featured_image_alt = article.featured_image_alt or attachment.alt[:300]
        article.save(
            update_fields=[
                "featured_image",
                "featured_image_width",
                "featured_image_height",
                "featured_image_renditions",
                "featured_image_alt",
            ]
        )
        images["downloaded"] += 1

    # --- Pages ----------------------------------------------------------------------------

    def _import_page(self, page: wordpress.Post) -> None:
        if page.status != "publish" or page.password_protected:
            reason = "password-protected" if page.password_protected else f"page is {page.status}"
            self.report.skipped.append(wordpress.Skipped(str(page.wp_id), page.title, reason))
            return
        slug, n = page.slug, 1
        while (
            slug in RESERVED_SLUGS
            or slug in self.claimed_slugs
            or Article.objects.filter(slug=slug).exists()
        ):
            n += 1
            slug = f"{page.slug[: 200 - len(str(n)) - 1]}-{n}"
        if slug != page.slug:
            self.report.warnings.append(
                f"page {page.wp_id} “{page.title}”: slug “{page.slug}” is taken or reserved; "
                f"imported as “{slug}”"
            )
        self.claimed_slugs.add(slug)
        values = {
            "title": strip_control_chars(page.title).strip()[:200] or slug,
            "body_html": sanitize_html(page.body_html()),
            "footer_order": page.menu_order,
        }
        try:
            with transaction.atomic():
                obj = Page.objects.filter(slug=slug).first()
                created = obj is None
                obj = obj or Page(slug=slug)
                changed = created or any(getattr(obj, k) != v for k, v in values.items())
                if changed:
                    for name, value in values.items():
                        setattr(obj, name, value)
                    obj.full_clean()
                    obj.save()
        except ValidationError as exc:
            self.report.skipped.append(
                wordpress.Skipped(str(page.wp_id), page.title, validation_reason(exc))
            )
            return
        self.report.pages.add(created, changed)


def validation_reason(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class ImageError(Exception):
    """A featured image that could not be fetched or is not an image we accept."""


def download_image(url: str) -> tuple[bytes, str]:
    """Fetch `url` and return the bytes to store and their file extension, once the site's
    image checks (type, size, pixels, integrity, no location metadata) have passed."""
    from cryptoflexs.core.images import EXTENSIONS, prepare_original, validate_image
    from cryptoflexs.core.net import FetchError, fetch_bytes

    try:
        result = fetch_bytes(url, max_bytes=settings.IMAGE_MAX_UPLOAD_BYTES)
    except FetchError as exc:
        raise ImageError(exc.reason) from exc
    try:
        validate_image(result.content)
        content, info = prepare_original(result.content)
    except ValidationError as exc:
        raise ImageError(" ".join(exc.messages)) from exc
    except OSError as exc:
        raise ImageError(f"cannot re-encode the image: {exc}") from exc
    return content, EXTENSIONS[info.format].lstrip(".")


def image_name(url: str, extension: str) -> str:
    """Return a safe file name for the image at `url`, with the extension of its real format."""
    stem = PurePosixPath(unquote(urlsplit(url).path)).stem
    stem = get_valid_filename(stem)[:80] if stem.strip(" ._") else ""
    return f"{stem or 'image'}.{extension}"
