"""What a WordPress export holds, as plain dataclasses, and the small conversions of its
names, dates and links (pure: no database, no network)."""

import datetime as dt
import html
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.utils.encoding import escape_uri_path
from django.utils.text import slugify

from cryptoflexs.core.html import html_to_text

from .content import content_to_html

WP_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
SLUG_MAX = 200
TERM_SLUG_MAX = 100


class WxrError(Exception):
    """The file is not a well-formed WordPress export; nothing should be imported."""


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str

    @property
    def slug(self) -> str:
        return make_slug(self.login, fallback=self.display_name, max_length=TERM_SLUG_MAX)


@dataclass(frozen=True)
class Term:
    """A category or a tag. `parent` is the parent category's slug ("" at the root)."""

    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass(frozen=True)
class Attachment:
    wp_id: int
    url: str
    alt: str = ""


@dataclass
class Post:
    """A post or a page, as WordPress exported it (status and content not yet mapped)."""

    wp_id: int
    post_type: str
    title: str
    slug: str
    link: str
    author_login: str
    content: str
    excerpt: str
    status: str
    date: dt.datetime | None
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    thumbnail_id: int | None = None
    comments_open: bool = True
    password_protected: bool = False
    comment_count: int = 0
    menu_order: int = 0

    @property
    def short_link(self) -> str:
        """Return WordPress's `/?p=ID` address of the post."""
        return f"/?p={self.wp_id}"

    @property
    def old_path(self) -> str:
        """Return the permalink's path and query, without scheme and host."""
        return url_path(self.link)

    def body_html(self) -> str:
        """Return the content as HTML as WordPress would render it (before sanitising)."""
        return content_to_html(self.content)

    def excerpt_text(self) -> str:
        return html_to_text(self.excerpt)


@dataclass(frozen=True)
class Skipped:
    """An item that cannot be imported, with the reason shown to the operator."""

    wp_id: str
    title: str
    reason: str


@dataclass
class Export:
    site_url: str = ""
    wxr_version: str = ""
    authors: list[Author] = field(default_factory=list)
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    pages: list[Post] = field(default_factory=list)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)


def make_slug(value: str, *, fallback: str = "", max_length: int = SLUG_MAX) -> str:
    """Return an ASCII slug for a WordPress name (percent-encoded when not ASCII).

    Names in other scripts have no ASCII letters to keep: their percent-encoded UTF-8
    ("%e6%af%94") becomes a stable slug of hex digits instead of an empty one.
    """
    for candidate in (value, fallback):
        candidate = (candidate or "").strip()
        slug = slugify(unquote(candidate))
        if not slug and candidate:
            slug = slugify(candidate.replace("%", "")) if "%" in candidate else ""
        if not slug and candidate:
            slug = slugify(candidate.encode().hex())
        slug = slug[:max_length].strip("-")
        if slug:
            return slug
    return ""


def make_term(nicename: str, name: str, *, parent: str = "", description: str = "") -> Term:
    name = html.unescape(name).strip()
    return Term(
        slug=make_slug(nicename, fallback=name, max_length=TERM_SLUG_MAX),
        name=(name or nicename)[:100],
        parent=make_slug(parent, max_length=TERM_SLUG_MAX) if parent.strip() else "",
        description=html_to_text(description),
    )


def parse_wp_date(value: str) -> dt.datetime | None:
    """Parse "2024-01-21 09:30:00" as UTC; None for WordPress's empty "0000-00-00 00:00:00".

    Raises ValueError for anything else.
    """
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return dt.datetime.strptime(value, WP_DATE_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        raise ValueError(f"bad date {value!r}") from None


def post_date(gmt: str, local: str) -> dt.datetime | None:
    """Return the post's date from wp:post_date_gmt, else wp:post_date read as UTC (drafts
    have no GMT date; the export does not say the site's time zone)."""
    return parse_wp_date(gmt) or parse_wp_date(local)


def url_path(url: str) -> str:
    """Return the path and query of `url` ("https://x.org/a/?p=1" → "/a/?p=1"), the path
    escaped as Django's `request.get_full_path()` escapes it (WordPress writes "%e6", Django
    "%E6"), so that the redirect middleware can match it."""
    parts = urlsplit(url.strip())
    if not parts.path and not parts.query:
        return ""
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path
