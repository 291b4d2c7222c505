"""Read a WordPress export (WXR 1.0–1.2, "Tools → Export") into plain dataclasses.

Pure functions only: no database, no network. `manage.py import_wordpress` stores the result.
"""

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.encoding import escape_uri_path
from django.utils.text import slugify

from cryptoflexs.core.html import html_to_text

# WXR 1.0, 1.1 and 1.2 differ only in the version inside these namespace URIs.
WP_NAMESPACE_PREFIX = "http://wordpress.org/export/"
NAMESPACE_ALIASES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# Channel-level elements read one at a time; everything else in the channel is a plain field.
COLLECTED = frozenset({"item", "wp:author", "wp:category", "wp:tag", "wp:term"})
# Post types imported (attachments only to find featured images); anything else
# (nav_menu_item, wp_global_styles, wp_navigation, revision, custom_css …) is ignored.
CONTENT_TYPES = ("post", "page")
# Statuses WordPress never shows to readers and that are not worth an article.
DISCARDED_STATUSES = {"trash": "in the trash", "auto-draft": "an empty auto-draft"}
WP_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
SLUG_MAX = 200
TERM_SLUG_MAX = 100
CHUNK = 1 << 16


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


def parse_wxr(source: str | Path) -> Export:
    """Read the WXR file at `source` into an `Export`, streaming it item by item.

    Raises `WxrError` with the parser's line and column when the XML is not well-formed,
    when it declares a DTD, or when it is XML but not a WordPress export.
    """
    reader = _ExportReader()
    # Expat fetches no external entities and caps entity amplification (STACK-NOTES); the
    # target also refuses any DTD, which a WordPress export never has.
    parser = ET.XMLParser(target=reader)  # noqa: S314 - no DTD accepted, see above
    try:
        with open(source, "rb") as fh:
            while chunk := fh.read(CHUNK):
                parser.feed(chunk)
        parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        raise WxrError(f"Not well-formed XML at line {line}, column {column}: {exc}") from exc
    return reader.finish()


class _ExportReader:
    """An ElementTree parser target that builds one channel child at a time (an item, a
    term, an author), reads it and drops it, so memory does not grow with the XML tree."""

    def __init__(self):
        self.export = Export()
        self.stack: list[str] = []
        self.builder: ET.TreeBuilder | None = None
        self.text: list[str] = []
        self.channel: dict[str, str] = {}
        self.term_slugs: dict[str, set[str]] = {"category": set(), "post_tag": set()}

    def start(self, tag, attrs):
        tag = _short_name(tag)
        self.stack.append(tag)
        if len(self.stack) == 1 and tag != "rss":
            raise WxrError(f"Not a WordPress export: the root element is <{tag}>, not <rss>.")
        if self.builder is None and len(self.stack) == 3 and tag in COLLECTED:
            self.builder = ET.TreeBuilder()
        if self.builder is not None:
            self.builder.start(tag, attrs)
        else:
            self.text = []

    def data(self, data):
        if self.builder is not None:
            self.builder.data(data)
        else:
            self.text.append(data)

    def end(self, tag):
        tag = _short_name(tag)
        if self.builder is not None:
            self.builder.end(tag)
            if len(self.stack) == 3:
                element, self.builder = self.builder.close(), None
                self._read(element)
        elif len(self.stack) == 3 and self.stack[1] == "channel":
            self.channel.setdefault(tag, "".join(self.text).strip())
        self.stack.pop()

    def doctype(self, name, pubid, system):
        raise WxrError("The file declares a DTD; WordPress exports never do, so it is refused.")

    def close(self):
        return None

    def finish(self) -> Export:
        export = self.export
        export.wxr_version = self.channel.get("wp:wxr_version", "")
        if not export.wxr_version:
            raise WxrError("Not a WordPress export: no <wp:wxr_version> in the channel.")
        export.site_url = self.channel.get("wp:base_blog_url") or self.channel.get("link", "")
        export.categories = _parents_first(export.categories)
        return export

    def _read(self, element: ET.Element) -> None:
        tag, fields = element.tag, _child_texts(element)
        export = self.export
        if tag == "item":
            _read_item(element, fields, export)
        elif tag == "wp:author":
            login = fields.get("wp:author_login", "").strip()
            if login:
                name = html.unescape(fields.get("wp:author_display_name", "")).strip()
                export.authors.append(Author(login=login, display_name=name or login))
        elif tag == "wp:category":
            self._add_term(
                "category",
                fields.get("wp:category_nicename", ""),
                fields.get("wp:cat_name", ""),
                parent=fields.get("wp:category_parent", ""),
                description=fields.get("wp:category_description", ""),
            )
        elif tag == "wp:tag":
            self._add_term(
                "post_tag",
                fields.get("wp:tag_slug", ""),
                fields.get("wp:tag_name", ""),
                description=fields.get("wp:tag_description", ""),
            )
        elif tag == "wp:term":
            # WordPress 6.x also lists categories and tags again as generic terms
            # (get_terms() with an empty taxonomy list returns every term): keep the first.
            self._add_term(
                fields.get("wp:term_taxonomy", ""),
                fields.get("wp:term_slug", ""),
                fields.get("wp:term_name", ""),
                parent=fields.get("wp:term_parent", ""),
                description=fields.get("wp:term_description", ""),
            )

    def _add_term(self, taxonomy, nicename, name, *, parent="", description=""):
        if taxonomy not in self.term_slugs:
            return
        term = make_term(nicename, name, parent=parent, description=description)
        if not term.slug or term.slug in self.term_slugs[taxonomy]:
            return
        self.term_slugs[taxonomy].add(term.slug)
        target = self.export.categories if taxonomy == "category" else self.export.tags
        target.append(term)


def _read_item(element: ET.Element, fields: dict[str, str], export: Export) -> None:
    post_type = fields.get("wp:post_type", "").strip()
    if post_type not in (*CONTENT_TYPES, "attachment"):
        export.ignored[post_type or "(no type)"] += 1
        return
    title = html_to_text(fields.get("title", ""))
    raw_id = fields.get("wp:post_id", "").strip()
    try:
        wp_id = int(raw_id)
    except ValueError:
        export.skipped.append(Skipped(raw_id or "?", title, f"bad post id {raw_id!r}"))
        return
    meta, categories, tags, comments = {}, [], [], 0
    for child in element:
        if child.tag == "wp:postmeta":
            entry = _child_texts(child)
            meta.setdefault(entry.get("wp:meta_key", ""), entry.get("wp:meta_value", ""))
        elif child.tag == "category":
            term = make_term(child.get("nicename", ""), child.text or "")
            if term.slug and child.get("domain") == "category":
                categories.append(term)
            elif term.slug and child.get("domain") == "post_tag":
                tags.append(term)
        elif child.tag == "wp:comment":
            comments += 1
    if post_type == "attachment":
        url = fields.get("wp:attachment_url", "").strip() or fields.get("guid", "").strip()
        if url:
            alt = html.unescape(meta.get("_wp_attachment_image_alt", "")).strip()
            export.attachments[wp_id] = Attachment(wp_id=wp_id, url=url, alt=alt)
        return

    status = fields.get("wp:status", "").strip()
    content = fields.get("content:encoded", "")
    if status in DISCARDED_STATUSES:
        if status != "auto-draft":
            export.skipped.append(Skipped(str(wp_id), title, DISCARDED_STATUSES[status]))
        return
    if not title and not content.strip():
        export.skipped.append(Skipped(str(wp_id), title, "no title and no content"))
        return
    try:
        date = post_date(fields.get("wp:post_date_gmt", ""), fields.get("wp:post_date", ""))
    except ValueError as exc:
        export.skipped.append(Skipped(str(wp_id), title, str(exc)))
        return
    if date is None and status in ("publish", "future"):
        export.skipped.append(Skipped(str(wp_id), title, f"{status} without a date"))
        return
    thumbnail = meta.get("_thumbnail_id", "").strip()
    post = Post(
        wp_id=wp_id,
        post_type=post_type,
        title=title,
        slug=make_slug(fields.get("wp:post_name", ""), fallback=title, max_length=SLUG_MAX)
        or f"{post_type}-{wp_id}",
        link=fields.get("link", "").strip(),
        author_login=fields.get("dc:creator", "").strip(),
        content=content,
        excerpt=fields.get("excerpt:encoded", ""),
        status=status,
        date=date,
        categories=categories,
        tags=tags,
        thumbnail_id=int(thumbnail) if thumbnail.isdigit() else None,
        comments_open=fields.get("wp:comment_status", "open").strip() == "open",
        password_protected=bool(fields.get("wp:post_password", "")),
        comment_count=comments,
        menu_order=int(fields["wp:menu_order"]) if fields.get("wp:menu_order", "").isdigit() else 0,
    )
    (export.posts if post_type == "post" else export.pages).append(post)


def _short_name(tag: str) -> str:
    """Turn "{http://wordpress.org/export/1.2/}post_id" into "wp:post_id"."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.startswith(WP_NAMESPACE_PREFIX):
        return f"excerpt:{local}" if uri.rstrip("/").endswith("/excerpt") else f"wp:{local}"
    alias = NAMESPACE_ALIASES.get(uri)
    return f"{alias}:{local}" if alias else tag


def _child_texts(element: ET.Element) -> dict[str, str]:
    """Map each child's tag to its text (the first child of each name wins)."""
    texts: dict[str, str] = {}
    for child in element:
        texts.setdefault(child.tag, child.text or "")
    return texts


def _parents_first(categories: list[Term]) -> list[Term]:
    """Order categories so that every parent precedes its children (WordPress usually does,
    but a hand-edited file may not); unknown parents and cycles leave a category at the root."""
    by_slug = {term.slug: term for term in categories}
    ordered: list[Term] = []
    placed: set[str] = set()

    def place(term: Term, trail: frozenset[str]) -> None:
        if term.slug in placed:
            return
        parent = by_slug.get(term.parent)
        if parent is not None and parent.slug not in trail:
            place(parent, trail | {term.slug})
        elif term.parent:
            term = Term(term.slug, term.name, "", term.description)
        placed.add(term.slug)
        ordered.append(term)

    for term in categories:
        place(term, frozenset({term.slug}))
    return ordered


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


# --- Content -------------------------------------------------------------------------------

# wpautop()'s block-level elements (wp-includes/formatting.php).
_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_I = re.IGNORECASE
_PRE = re.compile(r"<pre\b.*?</pre>", _I | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_CAPTION = re.compile(r"\[(?:wp_)?caption\b[^\]]*\](.*?)\[/(?:wp_)?caption\]", _I | re.DOTALL)
_CAPTION_PARTS = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)\s*(.*?)\s*$", _I | re.DOTALL
)
_AUTOP_STEPS = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>", _I), "\n\n"),
    (re.compile(rf"(<{_BLOCK}[\s/>])", _I), r"\n\n\1"),
    (re.compile(rf"(</{_BLOCK}>)", _I), r"\1\n\n"),
    (re.compile(r"<hr\s*/?>", _I), "<hr />\n\n"),
    (re.compile(r"\n\n+"), "\n\n"),
]
_AUTOP_CLEANUP = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    (re.compile(rf"<p>\s*(</?{_BLOCK}[^>]*>)\s*</p>", _I), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>", _I), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", _I), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>", _I), "</p></blockquote>"),
    (re.compile(rf"<p>\s*(</?{_BLOCK}[^>]*>)", _I), r"\1"),
    (re.compile(rf"(</?{_BLOCK}[^>]*>)\s*</p>", _I), r"\1"),
    (re.compile(r"<br\s*/?>", _I), "<br />"),
    (re.compile(r"(?<!<br />)\s*\n"), "<br />\n"),
    (re.compile(rf"(</?{_BLOCK}[^>]*>)\s*<br />", _I), r"\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", _I), r"\1"),
    (re.compile(r"\n</p>$"), "</p>"),
]


def wpautop(text: str) -> str:
    """Turn blank-line separated text into paragraphs and single newlines into <br />,
    as WordPress does on display for classic-editor content (a port of its wpautop())."""
    if not text.strip():
        return ""
    pre_blocks: list[str] = []

    def stash(match: re.Match) -> str:
        pre_blocks.append(match.group(0))
        return f'<pre data-wp-pre="{len(pre_blocks) - 1}"></pre>'

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PRE.sub(stash, text)
    # A newline inside a tag (<a\nhref=…>) is not a line break.
    text = _TAG.sub(lambda m: m.group(0).replace("\n", " "), text + "\n")
    for pattern, replacement in _AUTOP_STEPS:
        text = pattern.sub(replacement, text)
    paragraphs = (chunk.strip("\n") for chunk in re.split(r"\n\s*\n", text) if chunk)
    text = "".join(f"<p>{chunk}</p>\n" for chunk in paragraphs)
    for pattern, replacement in _AUTOP_CLEANUP:
        text = pattern.sub(replacement, text)
    for index, block in enumerate(pre_blocks):
        text = text.replace(f'<pre data-wp-pre="{index}"></pre>', block)
    return text


def _caption_figure(match: re.Match) -> str:
    parts = _CAPTION_PARTS.match(match.group(1))
    if parts is None:
        return match.group(1)
    image, caption = parts.groups()
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image}{caption_html}</figure>"


def content_to_html(content: str) -> str:
    """Return post content as HTML: [caption] shortcodes become <figure>s, and
    classic-editor content gets paragraphs. Block-editor content already has them and
    WordPress skips wpautop() for it; its `<!-- wp:… -->` comments are dropped later by the
    sanitiser."""
    content = content or ""
    # WordPress expands shortcodes after wpautop(): keep the figures out of its way.
    figures = [_caption_figure(m) for m in _CAPTION.finditer(content)]
    placeholders = iter(range(len(figures)))
    content = _CAPTION.sub(
        lambda m: f'<figure data-wp-caption="{next(placeholders)}"></figure>', content
    )
    if "<!-- wp:" not in content:
        content = wpautop(content)
    for index, figure in enumerate(figures):
        content = content.replace(f'<figure data-wp-caption="{index}"></figure>', figure)
    return content
