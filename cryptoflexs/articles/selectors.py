"""Reads across models that several pages share: menu, sidebar lists, related posts."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.db.models import Value as V
from django.db.models.functions import Concat

from cryptoflexs.core.models import MenuLink

from . import hooks
from .models import Article, Category


def story_marks(article: Article) -> set[tuple[str, int]]:
    """Return what identifies the article's story: its story, or the article itself when it
    belongs to none. Two articles are one story exactly when they share a `Story`."""
    if article.story_id:
        return {("story", article.story_id)}
    return {("article", article.pk)}


def unique_stories(
    articles: Iterable[Article], limit: int, seen: set[tuple[str, int]] | None = None
) -> list[Article]:
    """Return up to `limit` articles, keeping only the first of each story: for short
    lists picked by something other than date (most read, related, a digest's pool), where
    the lead flag (`one_per_story()`) is not the copy to show.

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


def listed_articles():
    """Return the published articles lists show: each story once (its lead article)."""
    return Article.objects.published().one_per_story()


def recent_articles(limit: int = 5) -> list[Article]:
    """Return the newest published articles, each story once."""
    return list(listed_articles().for_listing()[:limit])


def top_insights(limit: int = 3) -> list[Article]:
    """Return the newest editor-picked stories: a picked article stands for its story even
    when another outlet's copy is the story's lead."""
    # `IN (1)`, not `= True`: Django writes a true boolean as the bare column, which SQLite
    # cannot match to the (is_top_insight, status, published_at) index (100k, none flagged:
    # a scan of every published row, 627 ms, against 9 ms).
    rows = Article.objects.published().filter(is_top_insight__in=[True]).for_listing()
    return unique_stories(rows[: limit * 3], limit)


def story_other_articles(article: Article, limit: int = 10) -> list[Article]:
    """Return the other published articles of `article`'s story, oldest first (one query,
    or none when the article belongs to no story): "Also reported by …"."""
    if not article.story_id:
        return []
    return list(
        Article.objects.published()
        .filter(story_id=article.story_id)
        .exclude(pk=article.pk)
        .only("pk", "title", "slug", "source_name", "source_url", "published_at")
        .order_by("published_at", "pk")[:limit]
    )


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Return articles related by content (the search index's "more like this", which the
    search app registers in hooks.py), never the article itself nor another copy of its
    story."""
    return hooks.related_articles(article, limit=limit)


@dataclass
class MenuItem:
    label: str
    url: str
    children: list["MenuItem"] = field(default_factory=list)
    order: int = 0


# The menu entry that lists the categories the menu does not show but readers should reach.
TOPICS_LABEL = "Topics"


def site_menu() -> list[MenuItem]:
    """Return the header menu: categories shown in the menu, with their sub-categories,
    merged with the plain links (DIRECTORY, SUBMIT …) by menu order; then "Topics": the
    categories with published articles that no menu entry or menu category leads to."""
    published_below = Article.objects.published().filter(
        Q(category=OuterRef("pk")) | Q(category__path__startswith=Concat(OuterRef("path"), V("/")))
    )
    # One query for the whole tree, as before the Topics entry existed.
    categories = list(
        Category.objects.annotate(has_articles=Exists(published_below)).order_by(
            "menu_order", "name"
        )
    )
    in_menu = {c.pk for c in categories if c.show_in_menu}
    by_parent: dict[int | None, list[Category]] = {}
    for category in categories:
        if category.show_in_menu:
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
    items.sort(key=lambda item: item.order)
    # A category page lists its sub-categories, so a child of a menu category is reachable.
    topics = sorted(
        (
            c
            for c in categories
            if not c.show_in_menu and c.has_articles and c.parent_id not in in_menu
        ),
        key=lambda c: c.name.casefold(),
    )
    if topics:
        items.append(
            MenuItem(
                label=TOPICS_LABEL,
                url="",  # no page of its own: the entry only opens its list
                children=[MenuItem(label=c.name, url=c.get_absolute_url()) for c in topics],
            )
        )
    return items
