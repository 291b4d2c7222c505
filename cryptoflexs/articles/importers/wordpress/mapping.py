"""Store a WordPress `Export`: authors, categories and tags first, then posts (one
transaction each, images fetched outside it), then pages.

Safe to re-run: articles are found again by their `/?p=ID` redirect, then by slug, and
categories, tags, authors and pages by slug, so a second run updates instead of duplicating.
"""

import contextlib
import sys

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import Truncator
from tqdm import tqdm

from cryptoflexs.core.cache import content_changes_deferred
from cryptoflexs.core.html import html_to_text, sanitize_html, strip_control_chars
from cryptoflexs.core.models import Page
from cryptoflexs.core.slugs import slug_claimed

from ... import services
from ...models import Article, Author, Category, Tag
from ...slugs import SLUG_MAX, slug_allocate, slug_candidates
from . import records, wxr
from .media import featured_image_import
from .redirects import article_for_post, redirects_save
from .report import Report

UNCATEGORIZED = ("uncategorized", "Uncategorized")
# WordPress post states → ours. A scheduled post stays scheduled (the every-minute sweep
# publishes it on time) and a pending one waits in review.
WORDPRESS_STATUS = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "pending": Article.Status.IN_REVIEW,
}


def wordpress_import(
    path, *, download_images: bool = True, dry_run: bool = False, progress: bool = True
) -> tuple[records.Export, Report]:
    """Read the WXR file at `path` and store it; with `dry_run`, roll everything back.

    Raise records.WxrError when the file is not a WordPress export (nothing is stored) and
    OSError when it cannot be read.
    """
    export = wxr.parse_wxr(path)
    importer = WordPressImporter(
        export, download_images=download_images and not dry_run, progress=progress
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
    return export, report


def validation_reason(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class WordPressImporter:
    def __init__(self, export: records.Export, *, download_images: bool, progress: bool):
        self.export = export
        self.download_images = download_images
        self.progress = progress
        self.report = Report(skipped=list(export.skipped))
        self.authors: dict[str, Author] = {}
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        # Slugs this run gave out: two posts of one export never share one.
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
        slug = records.Author(login, display_name or login).slug
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

    def _category(self, term: records.Term) -> Category:
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

    def _tag(self, term: records.Term) -> Tag:
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

    def _primary_category(self, post: records.Post) -> Category:
        if not post.categories:
            slug, name = UNCATEGORIZED
            return self.categories.get(slug) or self._category(records.Term(slug, name))
        for term in post.categories:
            self._category(term)
        return self.categories[post.categories[0].slug]

    # --- Posts ----------------------------------------------------------------------------

    def _import_post(self, post: records.Post) -> None:
        # Looked up (or created) outside the post's transaction: a post that fails and rolls
        # back must not take with it rows that the caches above still hold.
        author = self._author(post.author_login)
        category = self._primary_category(post)
        tags = {self._tag(term).pk for term in post.tags}
        try:
            with transaction.atomic():
                article = self._save_article(post, author, category, tags)
                redirects_save(post=post, article=article, report=self.report)
        except ValidationError as exc:
            self.report.skipped.append(
                records.Skipped(str(post.wp_id), post.title, validation_reason(exc))
            )
            return
        except DatabaseError as exc:
            self.report.skipped.append(
                records.Skipped(str(post.wp_id), post.title, f"database error: {exc}")
            )
            return
        if post.thumbnail_id is not None and self.download_images:
            featured_image_import(
                post=post, article=article, export=self.export, report=self.report
            )

    def _values(self, post: records.Post, author: Author | None, category: Category) -> dict:
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
        return {
            "title": strip_control_chars(title).strip()[:300],
            "excerpt": strip_control_chars(post.excerpt_text()).strip(),
            "body_html": body_html,
            "status": status,
            # Drafts take their date when published; scheduled and private posts keep theirs.
            "published_at": None if post.status in ("draft", "pending") else post.date,
            "author_id": author.pk if author else None,
            "category_id": category.pk,
            "comments_open": post.comments_open,
        }

    def _save_article(self, post, author: Author | None, category: Category, tags: set[int]):
        article = article_for_post(post)
        if article is None and post.slug not in self.claimed_slugs:
            article = Article.objects.filter(slug=post.slug).first()
        values = self._values(post, author, category)
        # The post's own slug, or the first free `slug-N` (stable from one run to the next).
        values["slug"] = slug_allocate(
            post.slug, article=article, taken=self.claimed_slugs, already_slug=True
        )
        if values["slug"] != post.slug:
            self.report.warnings.append(
                f"post {post.wp_id} “{post.title}”: slug “{post.slug}” is taken or reserved; "
                f"imported as “{values['slug']}”"
            )
        created = article is None
        if created:
            article = services.article_create(tags=tags, **values)
            changed = True
        else:
            changed = any(getattr(article, k) != v for k, v in values.items())
            changed = changed or set(article.tags.values_list("pk", flat=True)) != tags
            if changed:
                services.article_update(article=article, tags=tags, **values)
        self.report.posts.add(created, changed)
        self.report.statuses[article.status] += 1
        return article

    # --- Pages ----------------------------------------------------------------------------

    def _page_slug(self, page: records.Post) -> str:
        """Return the page's slug, or the first `slug-N` that no article (current or old
        address), reserved path or other page of this run has; its own page may keep it."""
        return next(
            slug
            for slug in slug_candidates(page.slug[:SLUG_MAX])
            if slug not in self.claimed_slugs and not slug_claimed(slug, skip="pages")
        )

    def _import_page(self, page: records.Post) -> None:
        if page.status != "publish" or page.password_protected:
            reason = "password-protected" if page.password_protected else f"page is {page.status}"
            self.report.skipped.append(records.Skipped(str(page.wp_id), page.title, reason))
            return
        slug = self._page_slug(page)
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
                records.Skipped(str(page.wp_id), page.title, validation_reason(exc))
            )
            return
        self.report.pages.add(created, changed)
