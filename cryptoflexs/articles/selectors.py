"""Reads across models that several pages share: menu, sidebar lists, related posts."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from cryptoflexs.core.models import MenuLink

from .models import Article, Category

# How many extra rows to read so that dropping repeats of a story still fills a list.
_DEDUP_HEADROOM = 3


def story_marks(article: Article) -> set[tuple[str, str]]:
    """Return what identifies the article's story: its normalised title, and its story key
    when aggregation found other outlets telling the same story."""
    marks = {("title", article.title_key)}
    if article.story_key:
        marks.add(("story", article.story_key))
    return marks


def unique_stories(
    articles: Iterable[Article], limit: int, seen: set[tuple[str, str]] | None = None
) -> list[Article]:
    """Return up to `limit` articles, keeping only the first of each story.

    `seen` holds story marks (see story_marks) of stories shown elsewhere on the page; it
    is updated in place.
    """
    seen = set() if seen is None else seen
    result = []
    for article in articles:
        marks = story_marks(article)
        if marks & seen:
            continue
        seen |= marks
        result.append(article)
        if len(result) == limit:
            break
    return result


def recent_articles(limit: int = 5) -> list[Article]:
    """Return the newest published articles, each story once."""
    rows = Article.objects.published().for_listing()[: limit * _DEDUP_HEADROOM]
    return unique_stories(rows, limit)


def top_insights(limit: int = 3) -> list[Article]:
    """Return the newest editor-picked articles, each story once."""
    rows = Article.objects.published().filter(is_top_insight=True).for_listing()
    return unique_stories(rows[: limit * _DEDUP_HEADROOM], limit)


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Return articles sharing the category or tags, closest first, then newest.

    Never the article itself nor another copy of its story.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    candidates = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .exclude(title_key=article.title_key)
        .filter(Q(category_id=article.category_id) | Q(tags__in=tag_ids))
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .select_related("category", "author")
        .defer("body_html")
        .order_by("-shared_tags", "-published_at", "-pk")[: limit * _DEDUP_HEADROOM]
    )
    seen = story_marks(article)
    picked = unique_stories(candidates, limit, seen)
    if len(picked) < limit:
        # A lone article in a new category still gets recommendations: fill with the newest.
        filler = Article.objects.published().exclude(pk=article.pk).for_listing()
        picked += unique_stories(filler[: limit * _DEDUP_HEADROOM * 2], limit - len(picked), seen)
    return picked


@dataclass
class MenuItem:
    label: str
    url: str
    children: list["MenuItem"] = field(default_factory=list)
    order: int = 0


def site_menu() -> list[MenuItem]:
    """Return the header menu: categories shown in the menu, with their sub-categories,
    merged with the plain links (DIRECTORY, SUBMIT …) by menu order."""
    categories = list(Category.objects.filter(show_in_menu=True).order_by("menu_order", "name"))
    by_parent: dict[int | None, list[Category]] = {}
    for category in categories:
        by_parent.setdefault(category.parent_id, []).append(category)

    def build(category: Category) -> MenuItem:
        return MenuItem(
            label=category.name,
            url=category.get_absolute_url(),
            children=[build(child) for child in by_parent.get(category.pk, [])],
            order=category.menu_order,
        )

    items = [build(c) for c in by_parent.get(None, [])]
    items += [
        MenuItem(label=link.label, url=link.url, order=link.menu_order)
        for link in MenuLink.objects.all()
    ]
    return sorted(items, key=lambda item: item.order)
