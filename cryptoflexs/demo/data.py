"""Read the demo's data files (`data/*.jsonl`, one JSON object a line; pages in `data/pages/`).

Everything the demo says lives in those files: the site's identity, categories, authors, coins,
invented companies and people, the kinds of story and the sentence templates, the static pages,
directory listings and comments. This module turns them into plain, immutable values; the
generator (`content.py`) and the loader (`loader.py`) decide what to do with them.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(ValueError):
    """A data file is missing, is not JSON Lines, or lacks a field; the message says where."""


@cache
def rows(name: str) -> tuple[dict, ...]:
    """Return the objects of `data/<name>.jsonl`, in file order (blank lines are skipped)."""
    path = DATA_DIR / f"{name}.jsonl"
    found = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DemoDataError(f"{path.name}, line {number}: {exc.msg}") from None
            if not isinstance(value, dict):
                raise DemoDataError(f"{path.name}, line {number}: not a JSON object")
            found.append(value)
    return tuple(found)


def _build(cls, name: str, row: dict, **converters):
    try:
        values = {key: converters.get(key, _same)(value) for key, value in row.items()}
        return cls(**values)
    except TypeError as exc:
        raise DemoDataError(f"{name}.jsonl: {exc}") from None


def _same(value):
    return value


def _pairs(value) -> tuple:
    return tuple(tuple(item) if isinstance(item, list) else item for item in value)


# --- Values -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    name: str  # for the alt text
    start: str  # top-left of the gradient
    end: str  # bottom-right
    accent: str


@dataclass(frozen=True)
class Coin:
    name: str
    ticker: str
    blurb: str
    low: float
    high: float
    volatility: float  # daily standard deviation of the log price
    volume: tuple[float, float]  # daily spot volume range, billions of dollars
    validators: str = "1,000"

    @property
    def label(self) -> str:
        return self.name if self.name == self.ticker else f"{self.name} ({self.ticker})"


@dataclass(frozen=True)
class CategorySpec:
    name: str
    slug: str
    parent: str | None  # the parent's slug
    menu_order: int
    show_in_menu: bool
    description: str
    articles: int
    kinds: tuple[str, ...]
    coins: tuple[str, ...]
    palette: Palette

    @property
    def path(self) -> str:
        return f"{self.parent}/{self.slug}" if self.parent else self.slug


@dataclass(frozen=True)
class AuthorSpec:
    name: str
    slug: str
    bio: str
    colour: str
    beats: tuple[str, ...]  # category paths this author usually covers

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


@dataclass(frozen=True)
class Kind:
    theme: str  # shared context and outlook: market, policy, tech, business, nft or ""
    motif: str  # what the featured image shows, see images.MOTIFS
    tags: tuple[str, ...]
    coins: tuple[str, ...] = ()  # narrows the category's coins; empty keeps them
    coin_tag: bool = True  # whether the coin is what the story is about


@dataclass(frozen=True)
class PageSpec:
    title: str
    slug: str
    footer: int  # position in the footer, 0: not shown there
    body_html: str


@dataclass(frozen=True)
class ListingSpec:
    name: str
    slug: str
    kind: str
    website: str
    coins: str
    description: str
    status: str


@dataclass(frozen=True)
class CommentSpec:
    article: int  # index into the demo's articles, newest first
    name: str
    email: str
    body: str
    hours_after: float
    reply_to: int | None = None  # index into the comments of the comment answered


@dataclass(frozen=True)
class FeedEntrySpec:
    title: str
    summary: str
    label: str  # the outlet's own category label
    hours: float  # how long before the moment of loading it was published
    story: str = ""  # entries of other outlets with the same story tell the same event


@dataclass(frozen=True)
class SourceSpec:
    name: str
    feed_url: str
    site_url: str
    category: str  # the source's default category (a path)
    auto_publish: bool
    poll_interval: int
    entries: tuple[FeedEntrySpec, ...] = ()


# --- Readers ----------------------------------------------------------------------------------


@cache
def site() -> dict:
    """Return the site settings' fields (name, tagline, about …)."""
    return dict(rows("site")[0]["site"])


@cache
def menu_links() -> tuple[tuple[str, str, int], ...]:
    return tuple((m["label"], m["url"], m["menu_order"]) for m in rows("site")[0]["menu_links"])


@cache
def coins() -> tuple[Coin, ...]:
    return tuple(_build(Coin, "coins", row, volume=tuple) for row in rows("coins"))


@cache
def actors() -> dict[str, tuple]:
    """Return the invented companies, people and places by pool name ("exchanges" …)."""
    return {row["pool"]: _pairs(row["items"]) for row in rows("actors")}


@cache
def categories() -> tuple[CategorySpec, ...]:
    """Return the categories, parents before their children."""
    return tuple(
        _build(
            CategorySpec, "categories", row,
            kinds=tuple, coins=tuple, palette=lambda value: Palette(**value),
        )
        for row in rows("categories")
    )  # fmt: skip


@cache
def authors() -> tuple[AuthorSpec, ...]:
    return tuple(_build(AuthorSpec, "authors", row, beats=tuple) for row in rows("authors"))


@cache
def kinds() -> dict[str, Kind]:
    found = {}
    for row in rows("kinds"):
        values = dict(row)
        name = values.pop("kind")
        found[name] = _build(Kind, "kinds", values, tags=tuple, coins=tuple)
    return found


@cache
def pools() -> dict[str, dict[str, list[str]]]:
    """Return the sentence templates: pool ("shared" or a kind) → slot → templates.

    A template's `{key}` is filled from the story's facts, `[a|b|c]` picks one alternative; a
    slot ending in `_up` or `_down` is used only when the market moved that way, and a kind's
    numbered slots (`headline.1`, `lead.1` …) are variants told together.
    """
    found: dict[str, dict[str, list[str]]] = {}
    for row in rows("templates"):
        slot = found.setdefault(row["pool"], {}).setdefault(row["slot"], [])
        if "text" in row:
            slot.append(row["text"])
    return found


@cache
def pages() -> tuple[PageSpec, ...]:
    """Return the static pages; each body is an HTML file under `data/pages/`."""
    found = []
    for row in rows("pages"):
        body = (DATA_DIR / row["body"]).read_text(encoding="utf-8")
        found.append(PageSpec(row["title"], row["slug"], row["footer"], body.strip()))
    return tuple(found)


@cache
def listings() -> tuple[ListingSpec, ...]:
    return tuple(_build(ListingSpec, "listings", row) for row in rows("listings"))


@cache
def comments() -> tuple[CommentSpec, ...]:
    return tuple(_build(CommentSpec, "comments", row) for row in rows("comments"))


@cache
def sources() -> tuple[SourceSpec, ...]:
    """Return the demo's outlets, each with its feed's entries (rows naming their `source`)."""
    entries: dict[str, list[FeedEntrySpec]] = {}
    for row in rows("sources"):
        if "source" in row:
            values = dict(row)
            entries.setdefault(values.pop("source"), []).append(
                _build(FeedEntrySpec, "sources", values)
            )
    return tuple(
        _build(SourceSpec, "sources", {**row, "entries": tuple(entries.get(row["name"], ()))})
        for row in rows("sources")
        if "source" not in row
    )


def newsroom(kind: str) -> tuple[dict, ...]:
    """Return the back office's work in progress of one `type` (article, comment,
    submission) from `data/newsroom.jsonl`, as plain dicts."""
    return tuple(row for row in rows("newsroom") if row["type"] == kind)
