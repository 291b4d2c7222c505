"""The error rules of the W3C Feed Validation Service (github.com/w3c/feedvalidator), applied
offline: the validator itself is not on PyPI and the tests have no network.

Each rule names the validator message it stands for. check_feed() returns a list of errors
(an empty list means the feed passes), so a failing test shows every problem at once.
"""

import email.utils
import re
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
A = f"{{{ATOM}}}"

# RSS 2.0 spec (cyber.harvard.edu/rss/rss.html): the only elements a channel/item may have
# in no namespace (validator: "Undefined channel element" / "Undefined item element").
RSS_CHANNEL = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
    "rating", "textInput", "skipHours", "skipDays", "item",
}  # fmt: skip
RSS_ITEM = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid",
    "pubDate", "source",
}  # fmt: skip
ATOM_FEED = {
    "author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights",
    "subtitle", "title", "updated", "entry",
}  # fmt: skip
ATOM_ENTRY = {
    "author", "category", "content", "contributor", "id", "link", "published", "rights",
    "source", "summary", "title", "updated",
}  # fmt: skip

# RFC 822 as amended by RFC 1123 (four-digit years): "Sun, 29 Nov 2026 18:00:00 +0000".
RFC822 = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$"
)
# RFC 3339 date-time (Atom's "Date constructs", RFC 4287 §3.3).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
MIME = re.compile(r"^[a-z]+/[a-z0-9.+-]+$", re.IGNORECASE)
HTML_URL_ATTR = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
UNSAFE_HTML = re.compile(r"<\s*(?:script|iframe|object|embed|meta|link)\b|\son\w+\s*=", re.I)


def _absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _html_problems(where: str, html: str) -> list[str]:
    problems = []
    for url in HTML_URL_ATTR.findall(html or ""):
        # "ContainsRelRef": relative references have no base in a feed reader.
        if not url.startswith(("#", "mailto:")) and not _absolute(url):
            problems.append(f"{where}: relative URL {url!r} in HTML (ContainsRelRef)")
    if UNSAFE_HTML.search(html or ""):
        problems.append(f"{where}: unsafe HTML (SecurityRisk)")
    return problems


def parse(content: bytes) -> etree._Element:
    """Parse strictly: no DTDs, no entities, no network ("not well-formed" otherwise)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(content, parser)


def check_feed(content: bytes) -> list[str]:
    """Return the validator errors of an RSS 2.0 or Atom 1.0 document (bytes)."""
    try:
        root = parse(content)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag == "rss":
        return check_rss(root)
    if root.tag == f"{A}feed":
        return check_atom(root)
    return [f"unknown root element {root.tag!r}"]


def check_rss(root) -> list[str]:
    errors = []
    if root.get("version") != "2.0":
        errors.append("rss@version must be 2.0")
    channels = root.findall("channel")
    if len(channels) != 1:
        return [*errors, f"rss must hold exactly one channel, found {len(channels)}"]
    channel = channels[0]
    for child in channel:
        if (
            isinstance(child.tag, str)
            and not child.tag.startswith("{")
            and (child.tag not in RSS_CHANNEL)
        ):
            errors.append(f"channel: undefined element <{child.tag}>")
    for name in ("title", "link", "description"):
        node = channel.find(name)
        if node is None or not (node.text or "").strip():
            errors.append(f"channel: missing <{name}> (MissingElement)")
    if not _absolute(channel.findtext("link")):
        errors.append("channel: <link> must be an absolute URL (InvalidURLAttribute)")
    for name in ("pubDate", "lastBuildDate"):
        value = channel.findtext(name)
        if value is not None and not RFC822.match(value):
            errors.append(
                f"channel: <{name}> {value!r} is not an RFC-822 date (InvalidRFC2822Date)"
            )
    selfs = [link for link in channel.findall(f"{A}link") if link.get("rel") == "self"]
    if not selfs:
        errors.append("channel: no atom:link rel=self (MissingAtomSelfLink)")
    elif not _absolute(selfs[0].get("href")):
        errors.append("channel: atom:link rel=self must be absolute")
    guids = set()
    for n, item in enumerate(channel.findall("item"), start=1):
        where = f"item {n}"
        for child in item:
            if (
                isinstance(child.tag, str)
                and not child.tag.startswith("{")
                and (child.tag not in RSS_ITEM)
            ):
                errors.append(f"{where}: undefined element <{child.tag}>")
        if item.find("title") is None and item.find("description") is None:
            errors.append(
                f"{where}: needs a title or a description (ItemMustContainTitleOrDescription)"
            )
        link = item.findtext("link")
        if link is not None and not _absolute(link):
            errors.append(f"{where}: <link> {link!r} is not absolute")
        guid = item.find("guid")
        if guid is None:
            errors.append(f"{where}: no <guid> (MissingGuid)")
        else:
            value = (guid.text or "").strip()
            if value in guids:
                errors.append(f"{where}: duplicate guid {value!r} (DuplicateItem)")
            guids.add(value)
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                errors.append(f"{where}: guid@isPermaLink must be true or false")
            if permalink == "true" and not _absolute(value):
                errors.append(f"{where}: permalink guid {value!r} is not a URL (InvalidHttpGUID)")
        pub = item.findtext("pubDate")
        if pub is None:
            errors.append(f"{where}: no <pubDate>")
        elif not RFC822.match(pub) or email.utils.parsedate_to_datetime(pub) is None:
            errors.append(f"{where}: <pubDate> {pub!r} is not an RFC-822 date (InvalidRFC2822Date)")
        enclosures = item.findall("enclosure")
        if len(enclosures) > 1:
            errors.append(f"{where}: more than one enclosure (DuplicateEnclosure)")
        for enclosure in enclosures:
            if not _absolute(enclosure.get("url")):
                errors.append(f"{where}: enclosure@url must be absolute")
            if not (enclosure.get("length") or "").isdigit():
                errors.append(f"{where}: enclosure@length must be an integer")
            if not MIME.match(enclosure.get("type") or ""):
                errors.append(f"{where}: enclosure@type must be a MIME type")
        for category in item.findall("category"):
            if not (category.text or "").strip():
                errors.append(f"{where}: empty <category>")
        errors += _html_problems(f"{where} description", item.findtext("description") or "")
        if (
            item.find(f"{{{DC}}}creator") is not None
            and not (item.findtext(f"{{{DC}}}creator") or "").strip()
        ):
            errors.append(f"{where}: empty dc:creator")
    return errors


def _check_date(where: str, node, name: str, required: bool) -> list[str]:
    value = node.findtext(f"{A}{name}")
    if value is None:
        return [f"{where}: missing <{name}> (MissingElement)"] if required else []
    if not RFC3339.match(value):
        return [f"{where}: <{name}> {value!r} is not an RFC-3339 date (InvalidRFC3339Date)"]
    return []


def _check_text(where: str, node) -> list[str]:
    kind = node.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        return [f"{where}: type must be text, html or xhtml"]
    if kind == "html":
        return _html_problems(where, node.text or "")
    return []


def check_atom(root) -> list[str]:
    errors = []
    for child in root:
        if (
            isinstance(child.tag, str)
            and child.tag.startswith(A)
            and (child.tag[len(A) :] not in ATOM_FEED)
        ):
            errors.append(f"feed: undefined element {child.tag}")
    for name in ("id", "title"):
        if not (root.findtext(f"{A}{name}") or "").strip():
            errors.append(f"feed: missing <{name}> (MissingElement)")
    if not _absolute(root.findtext(f"{A}id")):
        errors.append("feed: <id> must be an absolute IRI")
    errors += _check_date("feed", root, "updated", required=True)
    links = root.findall(f"{A}link")
    if not any(link.get("rel") == "self" for link in links):
        errors.append("feed: no link rel=self (MissingSelf)")
    for link in links:
        if not _absolute(link.get("href")):
            errors.append(f"feed: link href {link.get('href')!r} must be absolute")
    feed_author = root.find(f"{A}author") is not None
    ids = set()
    for n, entry in enumerate(root.findall(f"{A}entry"), start=1):
        where = f"entry {n}"
        for child in entry:
            if (
                isinstance(child.tag, str)
                and child.tag.startswith(A)
                and (child.tag[len(A) :] not in ATOM_ENTRY)
            ):
                errors.append(f"{where}: undefined element {child.tag}")
        entry_id = (entry.findtext(f"{A}id") or "").strip()
        if not entry_id:
            errors.append(f"{where}: missing <id>")
        elif not _absolute(entry_id):
            errors.append(f"{where}: <id> {entry_id!r} must be an absolute IRI")
        if entry_id in ids:
            errors.append(f"{where}: duplicate id {entry_id!r} (DuplicateEntries)")
        ids.add(entry_id)
        if entry.find(f"{A}title") is None:
            errors.append(f"{where}: missing <title>")
        errors += _check_date(where, entry, "updated", required=True)
        errors += _check_date(where, entry, "published", required=False)
        if not feed_author:
            author = entry.find(f"{A}author")
            if author is None or not (author.findtext(f"{A}name") or "").strip():
                errors.append(f"{where}: no author, and none on the feed (MissingAuthor)")
        alternates = [
            link
            for link in entry.findall(f"{A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        content = entry.find(f"{A}content")
        if not alternates and content is None:
            errors.append(f"{where}: needs link rel=alternate or content (MissingAlternateLink)")
        for link in entry.findall(f"{A}link"):
            if not _absolute(link.get("href")):
                errors.append(f"{where}: link href {link.get('href')!r} must be absolute")
            if link.get("rel") == "enclosure":
                if not (link.get("length") or "").isdigit():
                    errors.append(f"{where}: enclosure length must be an integer")
                if not MIME.match(link.get("type") or ""):
                    errors.append(f"{where}: enclosure type must be a MIME type")
        for name in ("summary", "content", "title"):
            node = entry.find(f"{A}{name}")
            if node is not None:
                errors += _check_text(f"{where} {name}", node)
        for category in entry.findall(f"{A}category"):
            if not category.get("term"):
                errors.append(f"{where}: category without term")
    return errors
