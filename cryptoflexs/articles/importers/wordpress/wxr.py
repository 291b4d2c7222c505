"""Read a WordPress export (WXR 1.0–1.2, "Tools → Export") into a `records.Export`,
streaming it item by item. Pure: no database, no network; mapping.py stores the result."""

import html
import xml.etree.ElementTree as ET
from pathlib import Path

from cryptoflexs.core.html import html_to_text

from .records import (
    SLUG_MAX,
    Attachment,
    Author,
    Export,
    Post,
    Skipped,
    Term,
    WxrError,
    make_slug,
    make_term,
    post_date,
)

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
CHUNK = 1 << 16


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
