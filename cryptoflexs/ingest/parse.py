"""Stage 2, parse: feedparser on bytes we fetched ourselves, never on a URL or a path.

feedparser flags a bad feed with `bozo` rather than raising, yet 6.0.14 does raise on some
inputs (a stray `</width>` end tag: TypeError). `feed_parse` wraps it and decides, per kind
of problem, whether the entries are usable:

| problem                                   | entries usable?                               |
|-------------------------------------------|-----------------------------------------------|
| declares XML entities (`<!ENTITY`)        | no, refused before parsing (billion laughs,   |
|                                           | external entities)                            |
| feedparser raises                         | no                                            |
| CharacterEncodingOverride / Unknown       | yes (decoded another way), warning            |
| NonXMLContentType (served as text/html …) | yes if it has entries, warning                |
| UndeclaredNamespace                       | yes, warning                                  |
| XML not well-formed (SAXParseException)   | yes if the lenient parser found entries in a  |
|                                           | recognised feed (warning), else no            |
| no feed at all (an HTML page, empty body) | no                                            |
"""

import datetime as dt
import io
import re
import xml.sax
from dataclasses import dataclass, field

import feedparser
from feedparser.exceptions import (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
    UndeclaredNamespace,
)

# An entity declaration. Feeds have no need of them, and they are how billion-laughs and
# external-entity attacks work (defusedxml refuses them too). The whole body is searched,
# not only the prolog, so that a comment cannot hide one from a naive prolog scan.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
HARMLESS_WARNINGS = (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
    UndeclaredNamespace,
)


class FeedError(Exception):
    """The bytes are not a usable feed; `reason` is fit to show to an editor."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class RawEntry:
    guid: str = ""
    link: str = ""
    title: str = ""
    summary_html: str = ""
    content_html: str = ""
    author: str = ""
    published: dt.datetime | None = None
    categories: list[str] = field(default_factory=list)


@dataclass
class ParsedFeed:
    title: str
    link: str
    version: str
    entries: list[RawEntry]
    warning: str = ""  # feedparser's bozo reason when the entries were still usable


def _struct_to_datetime(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        # feedparser normalises every date it understands to UTC.
        return dt.datetime(*value[:6], tzinfo=dt.UTC)
    except (TypeError, ValueError):
        return None


def _entry(raw) -> RawEntry:
    content = ""
    for part in raw.get("content") or ():
        if part.get("value"):
            content = part["value"]
            break
    return RawEntry(
        guid=str(raw.get("id") or "").strip(),
        link=str(raw.get("link") or "").strip(),
        title=str(raw.get("title") or ""),
        summary_html=str(raw.get("summary") or ""),
        content_html=str(content),
        author=str(raw.get("author") or ""),
        published=_struct_to_datetime(raw.get("published_parsed") or raw.get("updated_parsed")),
        categories=[str(t.get("term") or "") for t in raw.get("tags") or () if t.get("term")],
    )


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:480]


def feed_parse(content: bytes, *, content_type: str = "", url: str = "") -> ParsedFeed:
    """Parse feed bytes into entries, or raise FeedError with the reason they are unusable."""
    if not content.strip():
        raise FeedError("empty response: not a feed")
    # Dropping NUL bytes also finds the declaration in UTF-16 and UTF-32 documents.
    if ENTITY_DECLARATION.search(content.replace(b"\x00", b"")):
        raise FeedError("the feed declares XML entities (refused: entity expansion attacks)")
    headers = {"content-type": content_type} if content_type else {}
    if url:
        headers["content-location"] = url
    try:
        # A stream, never bytes or str: feedparser would open a str URL itself, and tries
        # any bytes as a local file name first.
        parsed = feedparser.parse(
            io.BytesIO(content),
            response_headers=headers,
            # nh3 sanitises and resolves links in the clean stage, with our own rules.
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as exc:
        # feedparser 6.0.14 raises on some malformed input instead of flagging it.
        raise FeedError(f"the feed parser failed: {_describe(exc)}") from None
    entries = [_entry(raw) for raw in parsed.entries]
    version = parsed.get("version") or ""
    warning = ""
    if parsed.bozo:
        exc = parsed.get("bozo_exception")
        warning = _describe(exc) if exc else "malformed feed"
        if isinstance(exc, HARMLESS_WARNINGS):
            if not entries and not version:
                raise FeedError(f"not a feed ({warning})")
        elif isinstance(exc, xml.sax.SAXException):
            if not entries or not version:
                raise FeedError(f"malformed XML: {warning}")
        elif not entries:
            raise FeedError(f"unusable feed: {warning}")
    if not version and not entries:
        raise FeedError("not a feed (no RSS or Atom found)")
    feed = parsed.get("feed") or {}
    return ParsedFeed(
        title=str(feed.get("title") or ""),
        link=str(feed.get("link") or ""),
        version=version,
        entries=entries,
        warning=warning,
    )
