"""The first mention of each coin in an article's body links to the coin's page. Done at
render time, never stored: the stored body stays the editor's, and a coin added or renamed
in the admin shows up in every article at once.

The body is HTML already sanitised when it was stored, so splitting it into tags and text
is safe (every attribute value is quoted). Only text outside links, headings, code and
form controls is touched; the text itself is never re-escaped or changed.
"""

import bisect
import hashlib
import re

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from cryptoflexs.core.html import html_to_text

from .registry import DOLLAR_TICKER, Registry, registry, registry_version

LINKS_CACHE_SECONDS = 24 * 3600

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|<!--.*?-->", re.S)
# Inside these a link would be wrong (nested links, headings, code) or useless.
SKIP = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "button",
     "label", "select", "option", "textarea", "script", "style", "svg", "math", "figcaption"}
)  # fmt: skip
VOID = frozenset({"br", "hr", "img", "wbr", "source", "input", "col", "area", "embed", "meta"})


def _candidates(reg: Registry, html: str, wanted: set[str]):
    """Yield (start, end, slug) of every form of a wanted coin in `html`."""
    for match in DOLLAR_TICKER.finditer(html):
        coin = reg.by_ticker.get(match.group(1).upper())
        if coin is not None and coin.slug in wanted:
            yield match.start(), match.end(), coin.slug
    for match in reg.names.finditer(html):
        coin = reg.by_name[match.group(0).casefold()]
        if coin.slug in wanted:
            yield match.start(), match.end(), coin.slug
    for match in reg.tickers.finditer(html):
        coin = reg.by_ticker[match.group(0)]
        if coin.slug in wanted:
            yield match.start(), match.end(), coin.slug


def _linkable_spans(html: str) -> list[tuple[int, int]]:
    """Return the (start, end) of the text outside tags and outside SKIP elements."""
    spans, pos, skip_depth = [], 0, 0
    stack: list[str] = []
    for tag in TAG.finditer(html):
        if skip_depth == 0 and tag.start() > pos:
            spans.append((pos, tag.start()))
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
    if skip_depth == 0 and pos < len(html):
        spans.append((pos, len(html)))
    return spans


def link_first_mentions_cached(html: str) -> str:
    """Return link_first_mentions(html), kept in the cache per body and registry version
    (a long body costs a few milliseconds; an article is rendered again after every
    content change)."""
    reg = registry()
    digest = hashlib.sha256(html.encode()).hexdigest()
    key = f"markets:links:{registry_version()}:{digest}"
    linked = cache.get(key)
    if linked is None:
        linked = link_first_mentions(html, reg=reg)
        cache.set(key, linked, LINKS_CACHE_SECONDS)
    return linked


def link_first_mentions(html: str, *, reg: Registry | None = None) -> str:
    """Return `html` with the first mention of every coin it really mentions linked to the
    coin's page (the registry's rules decide what is a mention, over the whole text)."""
    if not html:
        return html
    reg = reg or registry()
    wanted = {m.coin.slug for m in reg.find(html_to_text(html))}
    if not wanted:
        return html
    spans = _linkable_spans(html)
    starts = [start for start, _ in spans]
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, slug in sorted(_candidates(reg, html, wanted)):
        if slug not in wanted or start < last_end:
            continue  # overlapping forms ("$ETH" and "ETH"): the first wins
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or end > spans[i][1]:
            continue  # inside a tag, a link, a heading or code, or across a tag
        chosen.append((start, end, slug))
        wanted.discard(slug)
        last_end = end
        if not wanted:
            break
    out, at = [], 0
    for start, end, slug in chosen:
        url = escape(reverse("markets:coin", kwargs={"slug": slug}))
        out += [html[at:start], f'<a class="coin-link" href="{url}">{html[start:end]}</a>']
        at = end
    out.append(html[at:])
    return "".join(out)
