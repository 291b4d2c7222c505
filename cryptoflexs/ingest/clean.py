"""Stage 3, clean: turn a raw feed entry into safe, normalised fields.

HTML goes through the site's nh3 allow-list with stricter ingest rules (absolute URLs
resolved against the entry's link, no tracking pixels); text loses control characters;
URLs lose tracking parameters; times are UTC and never in the future.
"""

import datetime as dt
import html as html_lib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import nh3

from cryptoflexs.core.html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    CONTROL_CHARS,
    html_to_text,
    strip_control_chars,
)

from .parse import RawEntry

# Query parameters that only identify a campaign or a click, never the page.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
    "__s", "_hsenc", "_hsmi", "hsctatracking", "rb_clickid", "s_cid", "cmpid", "ocid",
    "ncid", "sr_share", "ref_src", "ref_url", "spm", "trk", "wt.mc_id",
}  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_", "itm_")
# Hosts that serve tracking pixels and web beacons in feed HTML.
TRACKER_HOSTS = {
    "feeds.feedburner.com", "feedproxy.google.com", "pixel.wp.com", "stats.wordpress.com",
    "www.google-analytics.com", "google-analytics.com", "ssl.google-analytics.com",
    "pixel.quantserve.com", "b.scorecardresearch.com", "sb.scorecardresearch.com",
    "ad.doubleclick.net", "stats.g.doubleclick.net", "pi.feedsportal.com",
    "rss.feedsportal.com", "da.feedsportal.com", "www.facebook.com", "analytics.twitter.com",
    "t.co", "feeds.wordpress.com", "pixel.mathtag.com", "pixel.adsafeprotected.com",
    "counter.yadro.ru", "mc.yandex.ru", "www.assoc-amazon.com", "feedpress.me",
    "tracking.feedpress.it", "pubads.g.doubleclick.net", "cdn.feedcontrol.net",
}  # fmt: skip
TRACKER_PATH = re.compile(r"/(pixel|beacon|tracking|track|open|impression)(\.gif|\.png|/|$)")
# Never iframes, embeds, objects or forms in ingested HTML, whatever the site allows.
INGEST_TAGS = set(ALLOWED_TAGS) - {"iframe", "embed", "object", "form", "input", "video"}
URL_ATTRIBUTES = {("a", "href"), ("img", "src"), ("blockquote", "cite"), ("q", "cite")}
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
EXCERPT_CHARS = 400


def canonical_url(url: str, base: str = "") -> str:
    """Return `url` made absolute, with tracking parameters and the fragment removed, the
    scheme and host lower-cased and a default port dropped; "" unless it is http(s)."""
    url = strip_control_chars(url or "").strip()
    if not url:
        return ""
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        return ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _is_tracking_pixel(attributes: dict[str, str]) -> bool:
    src = html_lib.unescape(attributes.get("src", ""))
    if not src:
        return True
    if attributes.get("width") in ("0", "1") or attributes.get("height") in ("0", "1"):
        return True
    try:
        parts = urlsplit(src)
    except ValueError:
        return True
    host = (parts.hostname or "").lower()
    return host in TRACKER_HOSTS or bool(TRACKER_PATH.search(parts.path.lower()))


def _remove_pixels(html: str) -> str:
    def replace(match: re.Match) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group(0)))
        return "" if _is_tracking_pixel(attributes) else match.group(0)

    return IMG_TAG.sub(replace, html)


def clean_html(html: str, *, base_url: str = "") -> str:
    """Return `html` reduced to the allow-list for ingested content: no scripts, handlers,
    iframes, `javascript:` URLs or tracking pixels; links and images absolute against
    `base_url`; tracking parameters removed from links."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) in URL_ATTRIBUTES:
            return canonical_url(value, base_url) or None
        if attribute in ("width", "height"):
            return value if value.isdigit() else None
        return value

    cleaned = nh3.clean(
        strip_control_chars(html or ""),
        tags=INGEST_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )
    return _remove_pixels(cleaned).strip()


def clean_text(text: str, limit: int | None = None) -> str:
    """Return plain text: tags removed, control characters made spaces, spaces collapsed."""
    text = html_to_text(CONTROL_CHARS.sub(" ", text or ""))
    if limit and len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:.") + "…"
    return text


@dataclass
class CleanEntry:
    guid: str
    url: str
    title: str
    summary_html: str
    content_html: str
    excerpt: str
    text: str  # plain text of the fullest body, for classification and near-duplicates
    author: str
    published_at: dt.datetime
    categories: list[str] = field(default_factory=list)


def entry_clean(raw: RawEntry, *, now: dt.datetime, feed_url: str = "") -> CleanEntry:
    """Return the cleaned form of `raw`. A missing date is `now`; a future one is clamped
    to `now`, so that a feed cannot pin its entries to the top of every list."""
    url = canonical_url(raw.link, feed_url)
    summary_html = clean_html(raw.summary_html, base_url=url or feed_url)
    content_html = clean_html(raw.content_html, base_url=url or feed_url)
    text = html_to_text(content_html or summary_html)
    # Without content, `text` is the summary's text already: convert it once.
    summary_text = (html_to_text(summary_html) or text) if content_html else text
    published = raw.published or now
    return CleanEntry(
        guid=strip_control_chars(raw.guid).strip()[:1000],
        url=url[:1000],
        title=clean_text(raw.title, 300),
        summary_html=summary_html,
        content_html=content_html,
        excerpt=clean_text(summary_text, EXCERPT_CHARS),
        text=text,
        author=clean_text(raw.author, 100),
        published_at=min(published.astimezone(dt.UTC), now),
        categories=[clean_text(c, 100) for c in raw.categories][:20],
    )
