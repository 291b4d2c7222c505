"""Stage 6, store: one cleaned, classified entry becomes an Article, in one transaction.

Everything an entry creates (the IngestedEntry with its unique key, the Article, its coin
tags, its story link, the workflow record) commits together or not at all: a run killed at
any moment leaves either the whole entry or nothing, and the unique key makes the re-run
skip what was stored.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.html import escape

from cryptoflexs.articles import services as articles
from cryptoflexs.articles.models import Article, Category, Tag
from cryptoflexs.articles.slugs import slug_base
from cryptoflexs.articles.slugs import slugs_taken as article_slugs_taken
from cryptoflexs.editorial.models import ArticleTransition

from . import classify as classify_module
from .classify import Classification
from .clean import CleanEntry
from .coins import coin_names
from .dedup import Candidate, words
from .models import FetchLog, IngestedEntry, Source, Story

TEXT_SAMPLE_CHARS = 2000


@dataclass
class Prepared:
    """An entry ready to store: cleaned, keyed, classified, matched."""

    entry: CleanEntry
    key: str
    classification: Classification
    candidate: Candidate
    match: Candidate | None


class CategoryResolver:
    """Find (or create, once) the Category row for each classifier category key, and the
    Tag of each coin, for the length of one run."""

    def __init__(self):
        self._cache: dict[str, Category] = {}
        self._tags: dict[str, Tag] = {}
        # Story id -> its key, for entries joining a story already known to the run. A
        # story's key never changes, so a cached one is never stale.
        self.story_keys: dict[int, str] = {}
        # Slugs known to be taken (see slugs_taken); a race with an editor's new slug ends
        # in an IntegrityError that leaves the entry for the next run.
        self.slugs: set[str] = set()

    def coin_tags(self, slugs: list[str]) -> list[Tag]:
        """Return the Tag of each coin slug, created when missing (cached for the run)."""
        tags = []
        for slug in slugs:
            if slug not in self._tags:
                self._tags[slug], _ = Tag.objects.get_or_create(
                    slug=slug, defaults={"name": coin_names()[slug]}
                )
            tags.append(self._tags[slug])
        return tags

    def get(self, key: str) -> Category:
        if key in self._cache:
            return self._cache[key]
        name, slugs = next((n, s) for k, n, s in classify_module.CATEGORIES if k == key)
        category = Category.objects.filter(slug__in=slugs).order_by("path").first()
        if category is not None:
            # Prefer the first slug listed (e.g. adoption-news over adoption).
            for slug in slugs:
                found = Category.objects.filter(slug=slug).order_by("path").first()
                if found:
                    category = found
                    break
        else:
            parent = None
            if key in classify_module.CRYPTO_CHILDREN:
                parent = Category.objects.filter(slug="crypto", parent=None).first()
            category, _ = Category.objects.get_or_create(
                slug=slugs[0], parent=parent, defaults={"name": name}
            )
        self._cache[key] = category
        return category


def candidate_for(entry_id: int, story_id, source_id: int, entry: CleanEntry) -> Candidate:
    return Candidate(
        entry_id=entry_id,
        story_id=story_id,
        source_id=source_id,
        published_ts=entry.published_at.timestamp(),
        title_words=frozenset(words(entry.title)),
        text_words=frozenset(words(entry.text[:TEXT_SAMPLE_CHARS])),
    )


def _body(source: Source, entry: CleanEntry) -> str:
    link = ""
    if entry.url:
        link = (
            f"<p>Read the full story at "
            f'<a href="{escape(entry.url)}">{escape(source.name)}</a>.</p>'
        )
    if source.mode == Source.Mode.FULL:
        return (entry.content_html or entry.summary_html) + link
    summary = entry.summary_html or (f"<p>{escape(entry.excerpt)}</p>" if entry.excerpt else "")
    return summary + link


class SlugsLookedUp(set):
    """The slugs known to be taken, and `checked`: those looked up (the others were free)."""

    checked: frozenset[str] = frozenset()


def slugs_taken(titles: list[str]) -> SlugsLookedUp:
    """Return which of the titles' slugs are taken already (one round trip for a whole feed),
    by the articles' one slug rule (reserved paths, static pages, articles, old addresses)."""
    wanted = {slug_base(title) for title in titles}
    taken = SlugsLookedUp(article_slugs_taken(wanted))
    taken.checked = frozenset(wanted)
    return taken


def _slug_arguments(title: str, key: str, known: set[str]) -> dict:
    """Return article_create's slug arguments: the title's slug when the run's look-up found
    it free (no query more; a race with an editor ends in an IntegrityError that leaves the
    entry for the next run), else the allocator's choice, with part of the entry's key tried
    first (two workers on one headline do not both pick "-2")."""
    slug = slug_base(title)
    if slug in getattr(known, "checked", ()) and slug not in known:
        known.add(slug)
        return {"slug": slug, "slug_checked": True}
    return {"slug_taken": known, "slug_tiebreak": key[:10]}


def _story_key(story_id: int, cache: dict[int, str]) -> str | None:
    key = cache.get(story_id)
    if key is None:
        key = Story.objects.filter(pk=story_id).values_list("key", flat=True).first()
        if key is not None:
            cache[story_id] = key
    return key


def _join_story(match: Candidate, now: dt.datetime, cache: dict[int, str]) -> tuple[int, str]:
    """Return the id and key of the story of `match`'s entry, creating it (and marking that
    entry and its article) when `match` was alone so far. An entry's story, once set, never
    changes, so a match whose story the run knows needs no lock (and, with the key cached,
    no query). Otherwise the entry row is locked, so two workers joining one lone entry at
    once create one story, not two."""
    if match.story_id is not None:
        key = _story_key(match.story_id, cache)
        if key is not None:
            return match.story_id, key
    story_id, article_id = (
        IngestedEntry.objects.select_for_update()
        .filter(pk=match.entry_id)
        .values_list("story_id", "article_id")
        .get()
    )
    if story_id is not None:
        key = _story_key(story_id, cache)
        if key is not None:
            return story_id, key
    story = Story.objects.create(key=uuid.uuid4().hex, first_seen_at=now)
    IngestedEntry.objects.filter(pk=match.entry_id).update(story=story)
    if article_id:
        # update() keeps the article's other fields (an editor may be changing them).
        Article.objects.filter(pk=article_id).update(story_key=story.key)
    return story.pk, story.key


def entry_store(
    *,
    source: Source,
    prepared: Prepared,
    fetch: FetchLog | None,
    categories: CategoryResolver,
    now: dt.datetime,
) -> IngestedEntry | None:
    """Create the article for `prepared` and record the entry; return None when another
    run stored the same entry first (the unique key said so)."""
    entry = prepared.entry
    key = prepared.classification.category
    if prepared.classification.weak and source.default_category is not None:
        # Only a general word like "crypto" spoke: the source's own category knows better.
        key = None
    category = categories.get(key) if key else source.default_category
    if category is None:
        category = categories.get("blockchain")
    status = Article.Status.PUBLISHED if source.auto_publish else Article.Status.IN_REVIEW
    try:
        with transaction.atomic():
            story_id, story_key = (
                _join_story(prepared.match, now, categories.story_keys)
                if prepared.match
                else (None, "")
            )
            article = articles.article_create(
                title=entry.title,
                **_slug_arguments(entry.title, prepared.key, categories.slugs),
                excerpt=entry.excerpt,
                body_html=_body(source, entry),
                status=status,
                published_at=entry.published_at,
                category=category,
                source_name=source.name[:200],
                source_url=entry.url,
                canonical_url=entry.url if source.mode == Source.Mode.EXCERPT else "",
                story_key=story_key,
            )
            stored = IngestedEntry.objects.create(
                dedup_key=prepared.key,
                source=source,
                fetch=fetch,
                story_id=story_id,
                article=article,
                guid=entry.guid,
                url=entry.url,
                title=entry.title,
                title_words=" ".join(sorted(prepared.candidate.title_words)),
                text_words=" ".join(sorted(prepared.candidate.text_words)),
                published_at=entry.published_at,
                fetched_at=now,
            )
            tags = categories.coin_tags(prepared.classification.coins)
            if tags:
                Article.tags.through.objects.bulk_create(
                    [Article.tags.through(article=article, tag=tag) for tag in tags]
                )
            ArticleTransition.objects.create(
                article=article,
                from_status=Article.Status.DRAFT,
                to_status=status,
                by=None,
                at=now,
                note=f"Ingested from {source.name}"[:300],
            )
    except IntegrityError:
        if IngestedEntry.objects.filter(dedup_key=prepared.key).exists():
            return None
        raise
    if story_id is not None:
        # Only committed stories are cached: a rolled-back one must not be joined later.
        categories.story_keys[story_id] = story_key
        prepared.match.story_id = story_id
    return stored
