"""Write the demo site to the database: `manage.py load_demo` calls `demo_load`."""

import sys
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from cryptoflexs.articles import services
from cryptoflexs.articles.models import Article, Author, Category, Story, Tag
from cryptoflexs.core.models import MenuLink, Page, SiteSettings

from . import aggregation, community, content, data, images, newsroom

IMAGE_CREDIT = "Image: Crypto Flexs illustration"


@dataclass
class DemoSummary:
    articles: int = 0
    categories: int = 0
    pages: int = 0
    authors: int = 0
    tags: int = 0
    created: int = 0  # rows that did not exist before this run
    images_drawn: int = 0  # pictures that were missing and had to be drawn
    # The back office's work (newsroom.py, aggregation.py): rows added by this run.
    unpublished: int = 0  # drafts, articles in review, the scheduled one
    ingested: int = 0  # entries of the demo's sources stored as articles
    pending: int = 0  # comments and submissions waiting for moderation
    views: int = 0

    def __str__(self) -> str:
        return (
            f"Loaded {self.articles} articles, {self.categories} categories, "
            f"{self.pages} pages, {self.authors} authors"
        )


def demo_load(*, stdout=None, progress: bool = True) -> DemoSummary:
    """Create or refresh the demo site: settings, menu, pages, authors, tags and articles.

    Safe to run again: rows are matched by slug (menu links by label), pictures are drawn only
    when their file is missing, and publication dates are re-anchored to now so the demo
    always looks current. `stdout` receives the progress bar (default: standard error).
    """
    now = timezone.now().replace(second=0, microsecond=0)
    items = content.generate_articles()
    summary = DemoSummary(
        articles=len(items),
        categories=len(data.categories()),
        pages=len(data.pages()),
        authors=len(data.authors()),
    )
    with transaction.atomic():
        _load_site_settings()
        categories = _load_categories(summary)
        _load_menu_links(summary)
        _load_pages(summary)
        authors = _load_authors(summary)
        tags = _load_tags(items, summary)
        bar = tqdm(
            total=len(items) + len(NEWSROOM_STEPS),
            desc="Demo articles",
            unit="article",
            file=stdout or sys.stderr,
            disable=not progress,
        )
        with bar:
            _load_articles(items, now=now, categories=categories, authors=authors, tags=tags,
                           summary=summary, advance=bar.update)  # fmt: skip
            # Community: directory listings and readers' comments on the newest articles.
            slugs = [item.slug for item in items]
            summary.created += community.load_listings(today=now.date())
            summary.created += community.load_comments(slugs)
            for step in NEWSROOM_STEPS:
                bar.set_postfix_str(step)
                _load_newsroom(step, slugs=slugs, now=now, summary=summary)
                bar.update(1)
    return summary


NEWSROOM_STEPS = ("Newsroom", "Sources", "Moderation", "Views")


def _load_newsroom(step: str, *, slugs: list[str], now, summary: DemoSummary) -> None:
    """Give the back office something to do (#16, item 5): see newsroom.py, aggregation.py."""
    if step == "Newsroom":
        summary.unpublished = newsroom.load_articles(now=now)
    elif step == "Sources":
        summary.ingested = aggregation.load_sources(now=now)
    elif step == "Moderation":
        summary.pending = newsroom.load_pending_comments(slugs) + newsroom.load_submissions()
    else:
        summary.views = newsroom.load_views(slugs, today=now.date())
    summary.created += summary.unpublished + summary.ingested + summary.pending


def _load_site_settings() -> None:
    settings = SiteSettings.load()
    for field, value in data.site().items():
        setattr(settings, field, value)
    settings.full_clean()
    settings.save()


def _load_categories(summary: DemoSummary) -> dict[str, Category]:
    by_path: dict[str, Category] = {}
    for spec in data.categories():  # parents come first
        category, created = Category.objects.update_or_create(
            parent=by_path[spec.parent] if spec.parent else None,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "menu_order": spec.menu_order,
                "show_in_menu": spec.show_in_menu,
            },
        )
        by_path[category.path] = category
        summary.created += created
    return by_path


def _load_menu_links(summary: DemoSummary) -> None:
    for label, url, order in data.menu_links():
        _, created = MenuLink.objects.update_or_create(
            label=label, defaults={"url": url, "menu_order": order}
        )
        summary.created += created


def _load_pages(summary: DemoSummary) -> None:
    for page in data.pages():
        _, created = Page.objects.update_or_create(
            slug=page.slug,
            defaults={
                "title": page.title,
                "body_html": page.body_html,
                "show_in_footer": page.footer > 0,
                "footer_order": page.footer,
            },
        )
        summary.created += created


def _has_file(field_file) -> bool:
    return bool(field_file) and field_file.storage.exists(field_file.name)


def _load_authors(summary: DemoSummary) -> dict[str, Author]:
    authors = {}
    for spec in data.authors():
        author, created = Author.objects.update_or_create(
            slug=spec.slug, defaults={"name": spec.name, "bio": spec.bio}
        )
        if not _has_file(author.avatar):
            picture = images.render_avatar(spec.initials, spec.colour)
            author.avatar.save(f"{spec.slug}.png", ContentFile(picture), save=True)
            summary.images_drawn += 1
        authors[spec.slug] = author
        summary.created += created
    return authors


def _load_tags(items: list[content.DemoArticle], summary: DemoSummary) -> dict[str, Tag]:
    names = dict.fromkeys(name for item in items for name in item.tags)
    tags = {}
    for name in names:
        tag, created = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags[name] = tag
        summary.created += created
    summary.tags = len(tags)
    return tags


def _load_articles(items, *, now, categories, authors, tags, summary, advance) -> None:
    slugs = [item.slug for item in items]
    existing = {article.slug: article for article in Article.objects.filter(slug__in=slugs)}
    for item in items:
        article = existing.get(item.slug) or Article(slug=item.slug)
        created = article.pk is None
        values = {
            "title": item.title,
            "excerpt": item.excerpt,
            "body_html": item.body_html,
            "status": Article.Status.PUBLISHED,
            "published_at": now - item.age,
            "category": categories[item.category],
            "author": authors[item.author],
            "is_top_insight": item.is_top_insight,
            "comments_open": item.comments_open,
            "featured_image_alt": item.image_alt,
            "featured_image_credit": IMAGE_CREDIT,
        }
        article_tags = [tags[name] for name in item.tags]
        if created:
            services.article_create(article=article, tags=article_tags, **values)
        else:
            services.article_update(article=article, tags=article_tags, **values)
        if not _has_file(article.featured_image) or not article.featured_image_renditions:
            # As an upload is stored: the original and its WebP renditions (srcset, #16).
            services.article_set_featured_image(
                article=article,
                uploaded_file_or_bytes=images.render_article_image(item.image),
                filename=f"{item.slug}.jpg",
                alt=item.image_alt,
                credit=IMAGE_CREDIT,
            )
            summary.images_drawn += 1
        summary.created += created
        advance(1)
    # A demo article was written when it was published: without this every one of them
    # would show "Updated <today>" next to its date.
    Article.objects.filter(slug__in=slugs).update(
        created_at=F("published_at"), updated_at=F("published_at")
    )
    _group_republished(slugs)


def _group_republished(slugs: list[str]) -> None:
    """Make each story the demo publishes twice (the same headline, re-posted) one Story, so
    lists show it once, as aggregation does for copies from other outlets."""
    by_title: dict[str, list[Article]] = {}
    for article in Article.objects.filter(slug__in=slugs).only("title_key", "story_id"):
        by_title.setdefault(article.title_key, []).append(article)
    for copies in by_title.values():
        if len(copies) > 1 and not any(a.story_id for a in copies):
            story = Story.objects.create(key=uuid.uuid4().hex)
            Article.objects.filter(pk__in=[a.pk for a in copies]).update(story=story)
