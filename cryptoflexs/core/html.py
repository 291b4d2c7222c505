"""Sanitise untrusted HTML once, before it is stored (templates then render it as is)."""

import html as html_lib
import re

import nh3

# Tags an article body may use: text structure, links, images, tables, quotes and code.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# C0 controls other than tab, newline and carriage return are invalid in XML 1.0 and
# break outgoing feeds (Django's feed generator raises on them).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TAG_RE = re.compile(r"<[^>]*>")
SPACE_RE = re.compile(r"\s+")


def strip_control_chars(text: str) -> str:
    """Remove control characters that are invalid in XML 1.0 and HTML."""
    return CONTROL_CHARS.sub("", text or "")


LINK_REL = "noopener noreferrer"
# Paid content's links (https://developers.google.com/search/docs/crawling-indexing/qualify-outbound-links).
SPONSORED_LINK_REL = "sponsored noopener noreferrer"


def sanitize_html(html: str, *, sponsored: bool = False) -> str:
    """Return `html` reduced to the allow-list: no scripts, handlers, iframes or unsafe URLs.

    Links get `rel="noopener noreferrer"` so that outbound pages cannot reach back, and also
    "sponsored" in paid content; any other rel the HTML had is replaced.
    """
    return nh3.clean(
        strip_control_chars(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=SPONSORED_LINK_REL if sponsored else LINK_REL,
        strip_comments=True,
    ).strip()


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML fragment, whitespace collapsed."""
    return SPACE_RE.sub(" ", html_lib.unescape(TAG_RE.sub(" ", html or ""))).strip()


def html_text_head(html: str, words: int) -> str:
    """Return text whose first `words` words are those of html_to_text(html), and one more
    word when the whole text has more: excerpts need the start, not a 5,000-word body.

    The prefix converted always ends just after a ">", so no tag or entity is cut in half and
    the words before its last one are the whole text's.
    """
    html = html or ""
    size = max(512, words * 16)
    while size < len(html):
        cut = html.rfind(">", 0, size) + 1
        if cut:
            text = html_to_text(html[:cut])
            if len(text.split()) > words + 1:
                return text
        size *= 2
    return html_to_text(html)
