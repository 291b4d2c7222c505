"""The one slug rule of articles: every writer (admin, importers, ingest, submissions, demo)
gets its article's address from `slug_allocate`.

A slug is free for an article when it is not one of the site's own paths or a year, not a
static page, not another article's slug, and not an old address of another article (a
redirect that would stop working). The article's own current and old slugs stay free for it.
"""

from collections.abc import Iterable
from itertools import islice

from django.utils.text import slugify

from cryptoflexs.core.models import Page
from cryptoflexs.core.slugs import slug_claimed, slug_reserved

from .models import Article, ArticleRedirect

SLUG_MAX = Article._meta.get_field("slug").max_length
# New slugs are cut at a word boundary near this length: long enough to read, short enough
# to share.
SLUG_WORDS_MAX = 80


def slug_base(text: str, *, max_length: int = SLUG_WORDS_MAX, fallback: str = "article") -> str:
    """Return `text` as a slug of at most `max_length` characters, cut between words.

    An all-digit slug gets a prefix: /2024/ is a year archive, and a number reads badly.
    """
    base = slugify(text)
    if len(base) > max_length:
        base = base[:max_length].rsplit("-", 1)[0] or base[:max_length]
    base = base.strip("-") or fallback
    return f"{fallback}-{base}" if base.isdigit() else base


def slug_candidates(base: str, *, tiebreak: str = "") -> Iterable[str]:
    """Yield `base`, then `base-<tiebreak>` when given, then `base-2`, `base-3` …"""
    yield base
    if tiebreak:
        yield _suffixed(base, tiebreak)
    n = 2
    while True:
        yield _suffixed(base, str(n))
        n += 1


def _suffixed(base: str, suffix: str) -> str:
    return f"{base[: SLUG_MAX - len(suffix) - 1].rstrip('-')}-{suffix}"


def slugs_taken(slugs: Iterable[str], *, article: Article | None = None) -> set[str]:
    """Return which of `slugs` `article` (None: a new one) may not use, in three queries.

    The same rule as `slug_problem`, for many slugs at once.
    """
    wanted = set(slugs)
    taken = {slug for slug in wanted if slug_reserved(slug)}
    wanted -= taken
    if not wanted:
        return taken
    others = Article.objects.filter(slug__in=wanted)
    old = ArticleRedirect.objects.filter(old_path__in=[f"/{slug}/" for slug in wanted])
    if article is not None and article.pk is not None:
        others, old = others.exclude(pk=article.pk), old.exclude(article_id=article.pk)
    taken.update(others.values_list("slug", flat=True))
    taken.update(path.strip("/") for path in old.values_list("old_path", flat=True))
    taken.update(Page.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    return taken


def slug_problem(slug: str, *, article: Article | None = None) -> str | None:
    """Return why `article` may not have `slug` (for a form or an import report), or None."""
    return slug_claimed(slug, owner=article)


def slug_allocate(
    text: str,
    *,
    article: Article | None = None,
    taken: set[str] | None = None,
    tiebreak: str = "",
    already_slug: bool = False,
) -> str:
    """Return the first free slug for `article` made from `text` (a title, or a wished-for
    slug with `already_slug`): `text`'s slug itself, else with `tiebreak`, else numbered.

    `taken` holds slugs the caller knows to be taken already (e.g. claimed earlier in the same
    import run); the returned slug is added to it.
    """
    base = text[:SLUG_MAX] if already_slug else slug_base(text)
    known = taken if taken is not None else set()
    candidates = (c for c in slug_candidates(base, tiebreak=tiebreak) if c not in known)
    while True:
        # A few candidates per round trip: a crowded title costs one check, not one a number.
        batch = list(islice(candidates, 8))
        unavailable = slugs_taken(batch, article=article)
        free = next((c for c in batch if c not in unavailable), None)
        if free is not None:
            known.add(free)
            return free
        known.update(batch)


def article_claim(slug: str, owner) -> str | None:
    """The articles' claim on /<slug>/ in core's registry (static pages and forms ask it)."""
    article = owner if isinstance(owner, Article) else None
    others = Article.objects.filter(slug=slug)
    old = ArticleRedirect.objects.filter(old_path=f"/{slug}/")
    if article is not None and article.pk is not None:
        others, old = others.exclude(pk=article.pk), old.exclude(article_id=article.pk)
    if others.exists():
        return "An article already uses this address."
    if old.exists():
        return "This is an old address of an article (it redirects there); choose another slug."
    return None
