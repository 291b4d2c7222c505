"""Stage 1, fetch: one polite GET of a feed through the shared safe fetcher
(cryptoflexs.core.net: total deadline, decoded-size cap, checked redirects, no private
addresses), plus the politeness arithmetic: conditional GET, Retry-After and backoff."""

import datetime as dt
import email.utils
import random
from dataclasses import dataclass

from django.conf import settings

from cryptoflexs.core.net import FetchError, fetch_bytes

__all__ = ["FeedResponse", "FetchError", "backoff_delay", "feed_fetch", "retry_after"]

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


@dataclass(frozen=True)
class FeedResponse:
    status: int  # 200, or 304 when the feed has not changed since the validators were taken
    url: str
    content: bytes
    content_type: str
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def feed_fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    max_bytes: int | None = None,
    deadline: float | None = None,
) -> FeedResponse:
    """GET the feed at `url`, conditionally when validators are given (RFC 9110 §13.1).

    Raise FetchError (with `.status` and `.headers` for HTTP errors) on any failure.
    """
    headers = {"Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    result = fetch_bytes(
        url,
        max_bytes=max_bytes or settings.INGEST_MAX_FEED_BYTES,
        deadline=deadline or settings.INGEST_FETCH_DEADLINE,
        headers=headers,
        max_redirects=settings.INGEST_MAX_REDIRECTS,
    )
    # A 304 may omit the validators; the ones we sent are still current.
    return FeedResponse(
        status=result.status,
        url=result.url,
        content=result.content,
        content_type=result.headers.get("content-type", ""),
        etag=result.headers.get("etag", etag)[:500],
        last_modified=result.headers.get("last-modified", last_modified)[:100],
    )


def retry_after(value: str | None, *, now: dt.datetime) -> float | None:
    """Return the seconds a Retry-After header asks us to wait (RFC 9110 §10.2.3: a number
    of seconds or an HTTP date), or None when it is absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(failures: int, *, interval: float, rng: random.Random | None = None) -> float:
    """Return how long to wait after the `failures`-th consecutive failure: exponential from
    the poll interval, capped, with jitter (a random point in the upper half of the window) so that
    many sources failing together do not come back together."""
    cap = settings.INGEST_BACKOFF_MAX_SECONDS
    window = min(cap, interval * (2 ** min(failures, 30)))
    rng = rng or random.Random()  # noqa: S311 - jitter, not security
    # Never sooner than the normal interval: a failing feed is not polled more often.
    return max(interval, rng.uniform(window / 2, window))
