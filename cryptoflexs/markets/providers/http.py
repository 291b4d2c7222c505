"""A thin JSON client on core/net.py's safe fetch: a total deadline and a size cap per
request, a few retries with exponential backoff and jitter for network errors and 5xx, and
the provider's Retry-After honoured (RFC 9110 §10.2.3): a 429 is never retried at once,
and a longer wait than MARKETS_RETRY_INLINE_MAX_SECONDS is left to the caller's backoff."""

import datetime as dt
import email.utils
import json
import logging
import random
import time
from urllib.parse import urlencode

from django.conf import settings

from cryptoflexs.core.net import FetchError, fetch_bytes

from . import MalformedAnswer, ProviderError, RateLimited

logger = logging.getLogger(__name__)
RATE_LIMIT_STATUSES = {418, 429}  # Binance answers 418 to a client that ignored its 429s


def retry_after_seconds(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date), or None."""
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
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class JsonClient:
    def __init__(self, base_url: str, *, headers: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.headers = {"Accept": "application/json", **(headers or {})}
        self.requests = 0  # made by this client, retries included (for logs and tests)

    def get(self, path: str, params: dict | None = None):
        """GET base_url + path and return the decoded JSON; raise ProviderError."""
        url = self.base_url + path + (f"?{urlencode(params)}" if params else "")
        retries = settings.MARKETS_HTTP_RETRIES
        for attempt in range(retries + 1):
            self.requests += 1
            try:
                result = fetch_bytes(
                    url,
                    max_bytes=settings.MARKETS_MAX_RESPONSE_BYTES,
                    deadline=settings.MARKETS_HTTP_DEADLINE,
                    headers=self.headers,
                    max_redirects=2,
                )
            except FetchError as exc:
                wait = retry_after_seconds(exc.headers.get("Retry-After"))
                if exc.status in RATE_LIMIT_STATUSES:
                    raise RateLimited(f"rate limited ({exc.reason})", retry_after=wait) from None
                if exc.status is not None and exc.status < 500:
                    raise ProviderError(exc.reason) from None
                if attempt == retries or (
                    wait is not None and wait > settings.MARKETS_RETRY_INLINE_MAX_SECONDS
                ):
                    raise ProviderError(exc.reason, retry_after=wait) from None
                delay = wait if wait is not None else self._backoff(attempt)
                logger.info("market data: %s on %s; retrying in %.1f s", exc.reason, path, delay)
                time.sleep(delay)
                continue
            try:
                return json.loads(result.content)
            except (ValueError, UnicodeDecodeError):
                raise MalformedAnswer(f"{path}: the answer is not JSON") from None
        raise AssertionError("the retry loop returns or raises")

    @staticmethod
    def _backoff(attempt: int) -> float:
        base = settings.MARKETS_RETRY_BACKOFF_SECONDS * (2**attempt)
        return random.uniform(base / 2, base)  # noqa: S311 - jitter, not security
