"""Show a reader's plain text safely: everything escaped, http(s) addresses made links."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Stop before trailing punctuation that usually ends the sentence, not the address.
_URL = re.compile(r"\b(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"\n\s*\n")
MAX_LINK_TEXT = 60


def _linkify(text: str, rel: str) -> str:
    out, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(1)
        shown = url if len(url) <= MAX_LINK_TEXT else url[: MAX_LINK_TEXT - 1] + "…"
        out.append(escape(text[last : match.start(1)]))
        out.append(f'<a href="{escape(url)}" rel="{rel}">{escape(shown)}</a>')
        last = match.end(1)
    out.append(escape(text[last:]))
    return "".join(out)


def plain_text_html(text: str, *, rel: str = "nofollow ugc") -> SafeString:
    """Return `text` as paragraphs of escaped text with clickable links carrying `rel`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line, rel) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - built only from escape()d pieces above
