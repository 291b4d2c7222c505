"""The first mention of each coin in an article's body links to the coin's page. Done at
render time, never stored: the stored body stays the editor's, and a coin added or renamed
in the admin shows up in every article at once.

The body is HTML already sanitised when it was stored, so splitting it into tags and text
is safe (every attribute value is quoted). Only text outside links, headings, code and
form controls is touched; the text itself is never re-escaped or changed.
"""

import re

from django.urls import reverse
from django.utils.html import escape

from cryptoflexs.core.html import html_to_text

from .registry import DOLLAR_TICKER, Registry, registry

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|<!--.*?-->", re.S)
# Inside these a link would be wrong (nested links, headings, code) or useless.
SKIP = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "button",
     "label", "select", "option", "textarea", "script", "style", "svg", "math", "figcaption"}
)  # fmt: skip
VOID = frozenset({"br", "hr", "img", "wbr", "source", "input", "col", "area", "embed", "meta"})


def _first_matches(reg: Registry, text: str, wanted: set[str]):
    """Yield (start, end, slug) of mentions in `text` of coins in `wanted`, in order."""
    found = []
    for match in DOLLAR_TICKER.finditer(text):
        coin = reg.by_ticker.get(match.group(1).upper())
        if coin is not None and coin.slug in wanted:
            found.append((match.start(), match.end(), coin.slug))
    for match in reg.names.finditer(text):
        coin = reg.by_name[match.group(0).casefold()]
        if coin.slug in wanted:
            found.append((match.start(), match.end(), coin.slug))
    for match in reg.tickers.finditer(text):
        coin = reg.by_ticker[match.group(0)]
        if coin.slug in wanted:
            found.append((match.start(), match.end(), coin.slug))
    found.sort()
    last_end = -1
    for start, end, slug in found:
        if start >= last_end:  # overlapping forms ("$ETH" and "ETH"): the first wins
            last_end = end
            yield start, end, slug


def link_first_mentions(html: str, *, reg: Registry | None = None) -> str:
    """Return `html` with the first mention of every coin it really mentions linked to the
    coin's page (the registry's rules decide what is a mention, over the whole text)."""
    if not html:
        return html
    reg = reg or registry()
    wanted = {m.coin.slug for m in reg.find(html_to_text(html))}
    if not wanted:
        return html
    out, pos, skip_depth = [], 0, 0
    stack: list[str] = []

    def link_text(text: str) -> str:
        pieces, at = [], 0
        for start, end, slug in _first_matches(reg, text, wanted):
            if slug not in wanted:
                continue
            wanted.discard(slug)
            url = escape(reverse("markets:coin", kwargs={"slug": slug}))
            link = f'<a class="coin-link" href="{url}">{text[start:end]}</a>'
            pieces += [text[at:start], link]
            at = end
            if not wanted:
                break
        pieces.append(text[at:])
        return "".join(pieces)

    for tag in TAG.finditer(html):
        text = html[pos : tag.start()]
        out.append(link_text(text) if text and skip_depth == 0 and wanted else text)
        out.append(tag.group(0))
        pos = tag.end()
        name = (tag.group(2) or "").lower()
        if not name or name in VOID or tag.group(0).endswith("/>"):
            continue
        if tag.group(1):  # an end tag: close up to its start tag
            if name in stack:
                while stack:
                    top = stack.pop()
                    if top in SKIP:
                        skip_depth -= 1
                    if top == name:
                        break
        else:
            stack.append(name)
            if name in SKIP:
                skip_depth += 1
    tail = html[pos:]
    out.append(link_text(tail) if tail and skip_depth == 0 and wanted else tail)
    return "".join(out)
