"""Stage 4, de-duplicate: exact keys.

`dedup_key` is a full SHA-256 of the GUID, else the canonical URL, else title and content
(as miniflux `internal/reader/rss/adapter.go` does); IngestedEntry.dedup_key is unique, so
the database, not this code, is the last word on "already stored". Near-duplicates (other
outlets' reports of the same event) are the story index's business: clustering/.
"""

import hashlib
from urllib.parse import urlsplit


def dedup_key(
    *,
    guid: str,
    url: str,
    title: str,
    content: str,
    scope: str,
    own_hosts: frozenset[str] | None = None,
) -> str:
    """Return the full SHA-256 hex key identifying an entry.

    A GUID that is an absolute URL, and the canonical URL, identify an entry everywhere (two
    feeds of one outlet carry the same item), but only when the URL is on the source's own
    site (`own_hosts`, see site_hosts): another outlet's address claimed as a GUID would
    otherwise make that outlet's genuine entry a "duplicate" never stored (#15). Such a URL,
    an opaque GUID ("12345") and a title+content hash are unique only within the source,
    so `scope` (the feed's host) is part of them. `own_hosts=None` trusts every host (the
    key entries were stored under before that rule).
    """
    if guid:
        if guid.startswith(("http://", "https://")) and _is_own(guid, own_hosts):
            material = f"guid\n{guid}"
        else:
            material = f"guid\n{scope}\n{guid}"
    elif url:
        material = f"url\n{url}" if _is_own(url, own_hosts) else f"url\n{scope}\n{url}"
    else:
        material = f"text\n{scope}\n{title}\n{content}"
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def site_hosts(*, feed_url: str, site_url: str = "") -> frozenset[str]:
    """Return the hosts a source speaks for: its site's and its feed's (without `www.`)."""
    return frozenset(h for h in (_host(site_url), _host(feed_url)) if h)


def _is_own(url: str, own_hosts: frozenset[str] | None) -> bool:
    if own_hosts is None:
        return True
    host = _host(url)
    # A subdomain counts as the site (news.example.com for example.com, and back).
    return any(
        host == own or host.endswith("." + own) or own.endswith("." + host)
        for own in own_hosts
        if host
    )


def feed_scope(feed_url: str) -> str:
    """Return the host that scopes opaque GUIDs: the feed's host without `www.`."""
    return _host(feed_url)
