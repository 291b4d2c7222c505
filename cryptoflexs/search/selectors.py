"""Reads: ranked search with snippets, title suggestions, and related posts by content."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cryptoflexs.articles.models import Article, Author, Category, Tag
from cryptoflexs.articles.selectors import story_marks, unique_stories

from . import vocabulary
from .backends import NEWEST, RELEVANCE, START, STOP, get_backend, sql_of
from .query import ParsedQuery, parse_query
from .text import coin_mentions, index_text, key_terms, words

SORTS = (RELEVANCE, NEWEST)
SUGGESTIONS = 5


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search: a category (with its sub-categories), an author, a tag, a date range
    (whole days, both ends included)."""

    category: Category | None = None
    author: Author | None = None
    tag: Tag | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __bool__(self) -> bool:
        return any((self.category, self.author, self.tag, self.date_from, self.date_to))

    def sql(self) -> tuple[str, tuple] | None:
        if not self:
            return None
        articles = Article.objects.all()
        if self.category:
            articles = articles.in_category(self.category)
        if self.author:
            articles = articles.filter(author=self.author)
        if self.tag:
            articles = articles.filter(tags=self.tag)
        zone = timezone.get_current_timezone()
        if self.date_from:
            start = dt.datetime.combine(self.date_from, dt.time.min, tzinfo=zone)
            articles = articles.filter(published_at__gte=start)
        if self.date_to:
            end = dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
            articles = articles.filter(published_at__lt=end)
        return sql_of(articles)


@dataclass
class SearchHit:
    article: Article
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResults:
    query: ParsedQuery
    total: int
    page: Page | None
    hits: list[SearchHit]
    # The query actually run when the reader's words matched nothing ("etherium").
    corrected: str = ""
    message: str = ""


def marked(text: str) -> SafeString:
    """Escape `text`, then turn the backend's match markers into <mark> elements."""
    text = text or ""
    if text.count(START) != text.count(STOP):
        text = text.replace(START, "").replace(STOP, "")
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


class _Matches(Sequence):
    """The matches as a sequence the Paginator can count and slice; a slice asks the
    backend for one page."""

    def __init__(self, query, within, sort, total):
        self.query, self.within, self.sort, self.total = query, within, sort, total

    def __len__(self) -> int:
        return self.total

    def count(self) -> int:  # Paginator prefers count() to len()
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("only slices of the matches are read")
        start, stop = index.start or 0, min(index.stop or self.total, self.total)
        return get_backend().search(
            self.query,
            within=self.within,
            sort=self.sort,
            offset=start,
            limit=max(0, stop - start),
            total=self.total,
        )


def _corrected(query: ParsedQuery) -> ParsedQuery | None:
    """Return the query with each word that matches nothing replaced by the closest known
    word, or None when there is nothing to correct."""
    backend = get_backend()
    clauses, changed = [], False
    for clause in query.required:
        word = clause.words[0]
        if clause.is_word and not clause.prefix and len(word) >= vocabulary.MIN_WORD_CHARS:
            single = ParsedQuery(required=(clause,))
            if not backend.count(single):
                fixed = vocabulary.correction(word)
                if fixed:
                    clause, changed = replace(clause, words=(fixed,)), True
        clauses.append(clause)
    return replace(query, required=tuple(clauses)) if changed else None


def search(
    text: str,
    *,
    filters: SearchFilters | None = None,
    sort: str = RELEVANCE,
    page: int | str | None = 1,
    per_page: int | None = None,
) -> SearchResults:
    """Search published, live articles: ranked hits with highlighted title and snippet.

    `text` is what the reader typed: words (all required), "quoted phrases", -excluded
    words and prefix* words. A query whose words match nothing is retried with the closest
    known words (typos), and `corrected` then says what was searched.
    """
    query = parse_query(text)
    if not query:
        message = (
            "Add a word to search for, not only words to leave out."
            if query.excluded
            else "Type one or more words to search for."
        )
        return SearchResults(query=query, total=0, page=None, hits=[], message=message)
    backend = get_backend()
    within = (filters or SearchFilters()).sql()
    sort = sort if sort in SORTS else RELEVANCE
    total = backend.count(query, within=within)
    corrected = ""
    if not total:
        fixed = _corrected(query)
        if fixed is not None:
            fixed_total = backend.count(fixed, within=within)
            if fixed_total:
                query, total, corrected = fixed, fixed_total, str(fixed)
    paginator = Paginator(
        _Matches(query, within, sort, total), per_page or settings.ARTICLES_PER_PAGE
    )
    current = paginator.get_page(page)
    ids = list(current.object_list)
    articles = Article.objects.select_related("category", "author").defer("body_html")
    by_id = articles.in_bulk(ids)
    highlights = backend.highlights(query, ids)
    hits = []
    for pk in ids:
        if pk not in by_id:
            continue  # deleted in the meantime
        article, found = by_id[pk], highlights.get(pk)
        hits.append(
            SearchHit(
                article=article,
                title_html=marked(found.title if found else article.title),
                snippet_html=marked(found.snippet if found else article.excerpt),
            )
        )
    return SearchResults(query=query, total=total, page=current, hits=hits, corrected=corrected)


def suggest(text: str, *, limit: int = SUGGESTIONS) -> list[dict]:
    """Return up to `limit` titles matching what the reader has typed so far (the last word
    may be incomplete), best first: [{"title", "url"}]."""
    query = parse_query(text)
    if not query:
        return []
    query = replace(query.with_last_prefix(), excluded=())
    ids = get_backend().suggest(query, limit=limit)
    articles = Article.objects.only("title", "slug").in_bulk(ids)
    return [
        {"title": articles[pk].title, "url": articles[pk].get_absolute_url()}
        for pk in ids
        if pk in articles
    ]


# Related posts ------------------------------------------------------------------------

RELATED_TERMS = 12
RELATED_CANDIDATES = 40
# Words in more than this share of the articles say little about any of them.
RELATED_MAX_DF_SHARE = 0.3
# Words compared by their first letters ("merger" and "mergers"), and how much sharing
# several of the article's telling words counts.
STEM_CHARS = 5
COORDINATION = 1.0
# Pseudo-relevance feedback: words of the best FEEDBACK_DOCS matches added to the query.
FEEDBACK_DOCS, FEEDBACK_TERMS = 3, 6
# Boosts on top of text similarity (normalised to 1 for the best match), and the half-life
# of the age decay (days between the two articles).
BOOST_CATEGORY, BOOST_TAG, BOOST_COIN = 0.25, 0.15, 0.2
AGE_HALF_LIFE_DAYS = 14
GENERATION_KEY = "search:generation"


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = timezone.now().timestamp()
        cache.add(GENERATION_KEY, generation, None)
    return generation


def index_generation_bump() -> None:
    """Forget every cached related-posts list (after a reindex)."""
    cache.set(GENERATION_KEY, timezone.now().timestamp(), None)


def _related_key(article: Article) -> str:
    updated = article.updated_at.timestamp() if article.updated_at else 0
    return f"search:related:{_generation()}:{article.pk}:{updated}"


def _fallback_ids(article: Article, limit: int, seen: set) -> list[int]:
    """Articles sharing the category or tags, newest first, then the newest of all (a lone
    article in a new category still gets recommendations)."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    rows = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(Q(category_id=article.category_id) | Q(tags__in=tag_ids))
        .distinct()
        .only("story_id")
        .order_by("-published_at", "-pk")[: limit * 3]
    )
    picked = unique_stories(rows, limit, seen)
    if len(picked) < limit:
        newest = Article.objects.published().exclude(pk=article.pk).only("story_id")
        picked += unique_stories(newest[: limit * 6], limit - len(picked), seen)
    return [a.pk for a in picked]


def _age_decay(a: dt.datetime | None, b: dt.datetime | None) -> float:
    if a is None or b is None:
        return 0.5
    days = abs((a - b).total_seconds()) / 86400
    return 0.5 ** (days / AGE_HALF_LIFE_DAYS)


def _ranked_candidates(article: Article, terms: list[str], telling: list[str]) -> list[Article]:
    """Return the articles matching any of `terms`, most similar first, boosted by a shared
    category, tags and coins and by sharing several `telling` words, decayed by age."""
    candidates = get_backend().more_like_this(terms, exclude=[article.pk], limit=RELATED_CANDIDATES)
    if not candidates:
        return []
    scores = dict(candidates)
    top = max(scores.values()) or 1.0
    rows = Article.objects.filter(pk__in=scores).only(
        "title", "excerpt", "category_id", "published_at", "story_id"
    )
    tags: dict[int, set[int]] = {}
    through = Article.tags.through.objects.filter(article_id__in=[*scores, article.pk])
    for article_id, tag_id in through.values_list("article_id", "tag_id"):
        tags.setdefault(article_id, set()).add(tag_id)
    own_tags = tags.get(article.pk, set())
    own_coins = coin_mentions(f"{article.title} {article.excerpt}")
    stems = {term[:STEM_CHARS] for term in telling}

    def score(candidate: Article) -> float:
        text = f"{candidate.title} {candidate.excerpt}"
        # Sharing several of the telling words beats sharing one rare word.
        shared = stems & {w[:STEM_CHARS] for w in words(text)}
        coordination = (1 + len(shared)) / (1 + len(stems))
        boost = (
            1
            + BOOST_CATEGORY * (candidate.category_id == article.category_id)
            + BOOST_TAG * min(3, len(own_tags & tags.get(candidate.pk, set())))
            + BOOST_COIN * min(2, len(own_coins & coin_mentions(text)))
        )
        decay = _age_decay(candidate.published_at, article.published_at)
        similarity = scores[candidate.pk] / top * coordination**COORDINATION
        return similarity * boost * (0.5 + 0.5 * decay)

    return sorted(rows, key=lambda c: (-score(c), -c.pk))


def related_ids(article: Article, limit: int = 3) -> list[int]:
    """Return ids of the articles most like `article`, best first (not cached; see
    related_articles).

    A "more like this" query with the article's most telling words (frequent in it, not
    too common on the site), then once more with words of its best matches added (pseudo-
    relevance feedback: a terse headline borrows its story's vocabulary).
    """
    backend = get_backend()
    body = index_text(article.body_html)
    terms = key_terms((article.title, 3.0), (article.excerpt, 2.0), (body, 1.0), limit=24)
    live = Article.objects.published().count()
    cap = max(20, int(live * RELATED_MAX_DF_SHARE))
    frequencies = backend.document_frequencies(terms, cap=cap)
    terms = [t for t in terms if 0 < frequencies.get(t, 0) < cap][:RELATED_TERMS]
    ranked = _ranked_candidates(article, terms, terms)
    if ranked and FEEDBACK_DOCS:
        feedback = [(f"{c.title} {c.excerpt}", 1.0) for c in ranked[:FEEDBACK_DOCS]]
        extra = [t for t in key_terms(*feedback, limit=FEEDBACK_TERMS * 2) if t not in terms]
        frequencies = backend.document_frequencies(extra, cap=cap)
        extra = [t for t in extra if 0 < frequencies.get(t, 0) < cap][:FEEDBACK_TERMS]
        if extra:
            ranked = _ranked_candidates(article, terms + extra, terms)
    seen = story_marks(article)
    picked = [a.pk for a in unique_stories(ranked, limit, seen)]
    if len(picked) < limit:
        more = [pk for pk in _fallback_ids(article, limit, seen) if pk not in picked]
        picked += more[: limit - len(picked)]
    return picked


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Return up to `limit` published articles related to `article`, never itself nor
    another telling of its story. The choice is cached (per article and edit, for
    SEARCH_RELATED_CACHE_SECONDS); the page pays one query for the live articles."""
    key = _related_key(article)
    ids = cache.get(key)
    if ids is None:
        ids = related_ids(article, limit=limit + 2)
        cache.set(key, ids, settings.SEARCH_RELATED_CACHE_SECONDS)
    rows = Article.objects.published().filter(pk__in=ids).exclude(pk=article.pk).for_listing()
    by_id = {a.pk: a for a in rows}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    return unique_stories(ordered, limit, story_marks(article))
