"""Stage 6, store: cleaned, classified entries become Articles, a batch per transaction.

Everything a batch creates (each IngestedEntry with its unique key, the Article, its coin
tags, its story, the workflow record) commits together or not at all: a run killed at any
moment leaves whole entries or nothing, and the unique key makes the re-run skip what was
stored. A batch that fails (another worker stored one of its entries first, a slug taken
meanwhile) is stored again entry by entry, so one bad entry costs only itself.

The pipeline decides which story a new entry joins (services.py, clustering/); here a new
story is created, and a lone matched article given it. An article's story is never changed
otherwise: an editor's split or merge stands.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import escape

from cryptoflexs.articles import services as articles
from cryptoflexs.articles.models import Article, Category, Story, Tag
from cryptoflexs.articles.slugs import slug_base, slug_candidates
from cryptoflexs.articles.slugs import slugs_taken as article_slugs_taken
from cryptoflexs.core.cache import content_changed
from cryptoflexs.editorial.models import ArticleTransition

from .clean import CleanEntry
from .clustering.index import Entry
from .coins import coin_names
from .models import FetchLog, IngestedEntry, Source

BATCH = 100


@dataclass
class Prepared:
    """An entry ready to store: cleaned, keyed, classified, its story decided."""

    entry: CleanEntry
    key: str
    category: Category
    coins: list[str]
    probe: Entry  # its place in the run's story index (provisional ids until stored)
    predicted: Category | None = None
    classifier: str = ""
    stored: IngestedEntry | None = None


@dataclass
class RunState:
    """What one run (one source, or `ingest --all` over many) looks up once: categories,
    coin tags, known slugs, the story index, and the stories it is creating."""

    categories: dict[str, Category] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    slugs: "SlugsLookedUp" = field(default_factory=lambda: SlugsLookedUp())
    index: object = None  # pipeline.py loads the StoryIndex on first use
    label_map: dict[str, str] | None = None  # outlet label -> category path, read once
    loaded: tuple[dt.datetime, dt.datetime] | None = None
    # Provisional story id (negative) -> the lone stored article it was made for, if any.
    new_stories: dict[int, int | None] = field(default_factory=dict)
    _next_story: int = -1

    def story_token(self, lone_article_id: int | None) -> int:
        token, self._next_story = self._next_story, self._next_story - 1
        self.new_stories[token] = lone_article_id
        return token

    def coin_tags(self, slugs: Iterable[str]) -> list[Tag]:
        """Return the Tag of each coin slug, created when missing (cached for the run)."""
        found = []
        for slug in slugs:
            if slug not in self.tags:
                self.tags[slug], _ = Tag.objects.get_or_create(
                    slug=slug, defaults={"name": coin_names().get(slug, slug)}
                )
            found.append(self.tags[slug])
        return found


class SlugsLookedUp(set):
    """The slugs known to be taken, and `checked`: those looked up (the others were free)."""

    checked: frozenset[str] = frozenset()

    def copy(self) -> "SlugsLookedUp":
        other = SlugsLookedUp(self)
        other.checked = self.checked
        return other

    def learn(self, other: "SlugsLookedUp") -> None:
        """Add another look-up's findings to these."""
        self |= other
        self.checked = self.checked | other.checked


def _slug_choices(title: str, key: str) -> list[str]:
    """The slugs an entry may take without the allocator: its title's, then with part of its
    key (two workers on one headline do not both pick "-2")."""
    return list(islice(slug_candidates(slug_base(title), tiebreak=key[:10]), 2))


def slugs_taken(entries: Iterable[tuple[str, str]]) -> SlugsLookedUp:
    """Return which slugs the (title, key) entries would take are taken already (one round
    trip for a whole feed), by the articles' one slug rule (reserved paths, static pages,
    articles, old addresses). A republished headline is settled here too: its keyed slug."""
    wanted = {slug for title, key in entries for slug in _slug_choices(title, key)}
    taken = SlugsLookedUp(article_slugs_taken(wanted))
    taken.checked = frozenset(wanted)
    return taken


def _slug_arguments(title: str, key: str, known: SlugsLookedUp) -> dict:
    """Return article_create's slug arguments: the first of the entry's slugs the run's
    look-up found free (no query more; a race with an editor ends in an IntegrityError that
    stores the batch again entry by entry), else the allocator's choice."""
    for slug in _slug_choices(title, key):
        if slug in known.checked and slug not in known:
            return {"slug": slug, "slug_checked": True}
    return {"slug_taken": known, "slug_tiebreak": key[:10]}


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


def article_fields(*, source: Source, prepared: Prepared, story_id) -> dict:
    """Return the Article fields of an entry, for articles.article_create."""
    entry = prepared.entry
    status = Article.Status.PUBLISHED if source.auto_publish else Article.Status.IN_REVIEW
    return {
        "title": entry.title,
        "excerpt": entry.excerpt.strip(),
        "body_html": _body(source, entry),
        "status": status,
        "published_at": entry.published_at,
        "category": prepared.category,
        "source_name": source.name[:200],
        "source_url": entry.url,
        "canonical_url": entry.url if source.mode == Source.Mode.EXCERPT else "",
        "story_id": story_id,
    }


def _resolve_stories(run: RunState, tokens: set[int], now: dt.datetime) -> dict[int, int]:
    """Create the stories the batch needs and give each lone matched article its story;
    return provisional id -> real id. A lone article that got a story from another worker
    meanwhile keeps it, and the entries join that one."""
    real = {}
    wanted = sorted(tokens)
    created = Story.objects.bulk_create(
        [Story(key=uuid.uuid4().hex, first_seen_at=now) for _ in wanted]
    )
    for token, story in zip(wanted, created, strict=True):
        real[token] = story.pk
        lone = run.new_stories.get(token)
        # update() keeps the article's other fields (an editor may be changing them).
        if lone is not None and not (
            Article.objects.filter(pk=lone, story__isnull=True).update(story=story)
        ):
            taken = Article.objects.filter(pk=lone).values_list("story_id", flat=True).first()
            if taken is not None:
                real[token] = taken
                Story.objects.filter(pk=story.pk).delete()
    return real


def _write(
    *, source: Source, batch: list[Prepared], fetch: FetchLog | None, run: RunState, now
) -> dict[int, int]:
    """Insert a batch (inside the caller's transaction); return the stories it created."""
    tokens = {
        p.probe.story_id for p in batch if p.probe.story_id is not None and p.probe.story_id < 0
    }
    real = _resolve_stories(run, tokens, now) if tokens else {}
    slugs = run.slugs.copy()
    pending = articles.ArticleBatch()
    for p in batch:
        article = articles.article_create(
            batch=pending,
            tags=run.coin_tags(dict.fromkeys(p.coins)),
            **_slug_arguments(p.entry.title, p.key, slugs),
            **article_fields(
                source=source, prepared=p, story_id=real.get(p.probe.story_id, p.probe.story_id)
            ),
        )
        slugs.add(article.slug)
    created = pending.flush()
    entries = IngestedEntry.objects.bulk_create(
        [
            IngestedEntry(
                dedup_key=p.key,
                source=source,
                fetch=fetch,
                article=article,
                guid=p.entry.guid,
                url=p.entry.url,
                title=p.entry.title,
                title_words=" ".join(sorted(p.probe.features.title)),
                text_words=" ".join(sorted(p.probe.features.body)),
                specifics=p.probe.features.as_text(),
                feed_categories=p.entry.categories,
                predicted_category=p.predicted,
                classifier=p.classifier,
                published_at=p.entry.published_at,
                fetched_at=now,
            )
            for p, article in zip(batch, created, strict=True)
        ]
    )
    ArticleTransition.objects.bulk_create(
        [
            ArticleTransition(
                article=article,
                from_status=Article.Status.DRAFT,
                to_status=article.status,
                by=None,
                at=now,
                note=f"Ingested from {source.name}"[:300],
            )
            for article in created
        ]
    )
    for p, stored in zip(batch, entries, strict=True):
        p.stored = stored
    run.slugs = slugs
    return real


def _committed(run: RunState, batch: list[Prepared], real: dict[int, int]) -> None:
    """After a commit: the index learns the real stories and articles."""
    for token, story_id in real.items():
        run.index.rename_story(token, story_id)
        run.new_stories.pop(token, None)
    for p in batch:
        p.probe.article_id = p.stored.article_id


def entries_store(
    *,
    source: Source,
    batch: list[Prepared],
    fetch: FetchLog | None,
    run: RunState,
    now: dt.datetime,
    on_error=None,
) -> tuple[int, int]:
    """Store `batch` in one transaction (entry by entry when that fails); return how many
    were stored and how many another run had stored first. `on_error(prepared, exc)` hears
    of an entry that could not be stored (it is left for the next run)."""
    # Outside the transaction: a tag created in a batch rolled back must not stay cached.
    run.coin_tags({slug for p in batch for slug in p.coins})
    try:
        with transaction.atomic():
            real = _write(source=source, batch=batch, fetch=fetch, run=run, now=now)
    except (IntegrityError, ValidationError):
        # One entry spoils the batch (stored meanwhile, or refused by the article rules):
        # the entries are stored one by one below, and only that one is left out.
        pass
    else:
        _committed(run, batch, real)
        content_changed()  # bulk inserts send no signals: cached pages go stale here
        return len(batch), 0
    new = duplicates = 0
    for prepared in batch:
        try:
            with transaction.atomic():
                real = _write(source=source, batch=[prepared], fetch=fetch, run=run, now=now)
        except (IntegrityError, ValidationError) as exc:
            if isinstance(exc, IntegrityError) and (
                IngestedEntry.objects.filter(dedup_key=prepared.key).exists()
            ):
                duplicates += 1
            elif on_error is not None:
                on_error(prepared, exc)
            else:
                raise
            continue
        _committed(run, [prepared], real)
        content_changed()
        new += 1
    return new, duplicates
