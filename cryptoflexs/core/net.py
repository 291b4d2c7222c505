"""Fetch a URL from the internet without letting it reach inside our own network.

Every outbound request (imported images now, feeds later) goes through `fetch_bytes`:

* Only http and https; every address the host resolves to must be public, unless
  `allow_private` or `settings.INGEST_ALLOW_PRIVATE_NETWORKS` says otherwise.
* No DNS rebinding: the name is resolved once, the addresses are checked, and the
  connection goes to one of *those* addresses. httpx has no resolver hook, so the pinning
  happens one layer down, in an httpcore network backend whose `connect_tcp` takes the
  address from the table of checked ones, never from DNS. The URL is not rewritten, so the
  Host header, TLS SNI and certificate checks all use the real host name as usual.
* Redirects are followed by hand, at most `max_redirects`, each hop checked as above.
* A total deadline. httpx timeouts apply to each read, so a server dripping a byte a second
  never trips them (STACK-NOTES); here every connect, read and write is capped at the time
  left, so the deadline holds even in the middle of a read. DNS lookups are bounded by it too.
* A cap on the *decoded* size, checked while streaming, so a gzip bomb stops at `max_bytes`.
  Only gzip and deflate are offered: one 64 KiB read inflates to at most ~64 MiB meanwhile.
"""

import functools
import ipaddress
import os
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

import httpcore
import httpx
from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}
# Headers that must not follow a redirect to another origin (as browsers and httpx do).
CREDENTIAL_HEADERS = {"authorization", "cookie", "proxy-authorization"}
NETWORK_ERRORS = (
    httpx.HTTPError,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
)
TIMEOUT_ERRORS = (httpx.TimeoutException, httpcore.TimeoutException)


class FetchError(Exception):
    """A fetch that was refused or failed; `reason` is short and fit to show to an editor."""

    def __init__(self, reason: str, *, status: int | None = None, headers=None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        # The response headers of an HTTP error (e.g. Retry-After on 429 and 503).
        self.headers = headers if headers is not None else httpx.Headers()


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    headers: httpx.Headers
    content: bytes


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve(url: str, allow_private: bool | None, timeout: float | None) -> list[IPAddress]:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    if parsed.scheme not in DEFAULT_PORTS:
        raise FetchError(f"only http and https URLs can be fetched, not {parsed.scheme or '?'}:")
    host = parsed.host
    if not host:
        raise FetchError("URL has no host")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        addresses = _lookup(parsed, timeout)
    if allow_private is None:
        allow_private = settings.INGEST_ALLOW_PRIVATE_NETWORKS
    if not allow_private:
        for address in addresses:
            if not _is_public(address):
                raise FetchError(f"{host} resolves to a non-public address ({address})")
    return addresses


def _lookup(url: httpx.URL, timeout: float | None) -> list[IPAddress]:
    # getaddrinfo() has no timeout: a daemon thread lets the deadline cover DNS too (a thread
    # per lookup rather than a pool, which a fork would leave without workers).
    answer: list = []

    def getaddrinfo():
        try:
            port = url.port or DEFAULT_PORTS[url.scheme]
            answer.append(socket.getaddrinfo(url.raw_host.decode(), port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            answer.append(exc)

    thread = threading.Thread(target=getaddrinfo, name="cryptoflexs-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if not answer:
        raise FetchError(f"DNS lookup of {url.host} timed out")
    if isinstance(answer[0], Exception):
        raise FetchError(f"cannot resolve {url.host}")
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in answer[0]))


def check_public_url(url: str, *, allow_private: bool | None = None) -> list[IPAddress]:
    """Resolve the host of `url` and return its addresses; raise FetchError if the scheme is
    not http(s) or any address is not public (unless private networks are allowed)."""
    return _resolve(url, allow_private, None)


@functools.lru_cache(maxsize=4)
def _ssl_context(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    """Build the TLS context once per CA setting (httpx reads SSL_CERT_FILE/SSL_CERT_DIR);
    loading the CA bundle costs ~20 ms, too much to repeat for every fetch."""
    return httpx.create_ssl_context()


class _DeadlineStream(httpcore.NetworkStream):
    """Wrap a connection so that no read, write or TLS handshake outlives the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline_at: float):
        self._stream = stream
        self._deadline_at = deadline_at

    def _timeout(self, timeout: float | None) -> float:
        left = self._deadline_at - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("deadline exceeded")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._timeout(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        tls = self._stream.start_tls(ssl_context, server_hostname, self._timeout(timeout))
        return _DeadlineStream(tls, self._deadline_at)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connect only to addresses that were checked (`pins`: host → addresses), never to a
    fresh DNS answer; try them in order, as `socket.create_connection` would."""

    def __init__(self, deadline_at: float):
        self.pins: dict[str, list[IPAddress]] = {}
        self._deadline_at = deadline_at
        self._backend = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = self.pins.get(host)
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        error: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            left = self._deadline_at - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("deadline exceeded")
            try:
                stream = self._backend.connect_tcp(
                    str(address), port, min(timeout or left, left), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline_at)
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _PinnedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore pool that uses `_PinnedBackend` (as
    `httpx.HTTPTransport` does over the default backend, minus proxies)."""

    def __init__(self, backend: _PinnedBackend):
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(
                os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
            ),
            network_backend=backend,
            retries=0,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_response = self._pool.handle_request(
            httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_Body(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, stream):
        self._stream = stream

    def __iter__(self):
        yield from self._stream

    def close(self) -> None:
        self._stream.close()


def fetch_bytes(
    url: str,
    *,
    max_bytes: int = 10 * 1024 * 1024,
    deadline: float = 20.0,
    headers: Mapping[str, str] | None = None,
    max_redirects: int = 5,
    allow_private: bool | None = None,
) -> FetchResult:
    """GET `url` within `deadline` seconds in total, following at most `max_redirects`
    checked redirects; return the final 2xx (or 304) response with its decoded body.

    Raise FetchError for a refused address or scheme, a network error, the deadline, a body
    over `max_bytes` once decoded, too many redirects, or any other status (`.status` set).
    """
    deadline_at = time.monotonic() + deadline
    backend = _PinnedBackend(deadline_at)
    request_headers = dict(headers or {})
    client = httpx.Client(
        transport=_PinnedTransport(backend),
        headers={"User-Agent": settings.HTTP_USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(deadline),
        follow_redirects=False,
        trust_env=False,  # a proxy would resolve names itself, past our checks
    )
    try:
        with client:
            for hop in range(max_redirects + 1):
                addresses = _resolve(url, allow_private, deadline_at - time.monotonic())
                backend.pins[httpx.URL(url).raw_host.decode("ascii")] = addresses
                with client.stream("GET", url, headers=request_headers) as response:
                    location = response.headers.get("Location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        if hop == max_redirects:
                            raise FetchError(f"too many redirects (more than {max_redirects})")
                        try:
                            next_url = response.url.join(location)
                        except httpx.InvalidURL:
                            raise FetchError(f"invalid redirect to {location!r}") from None
                        if _origin(next_url) != _origin(response.url):
                            request_headers = {
                                k: v
                                for k, v in request_headers.items()
                                if k.lower() not in CREDENTIAL_HEADERS
                            }
                        url = str(next_url)
                        continue
                    if response.status_code != 304 and not response.is_success:
                        raise FetchError(
                            f"HTTP {response.status_code}",
                            status=response.status_code,
                            headers=response.headers,
                        )
                    return FetchResult(
                        url=str(response.url),
                        status=response.status_code,
                        headers=response.headers,
                        content=_read_body(response, max_bytes, deadline_at),
                    )
    except TIMEOUT_ERRORS:
        raise FetchError(f"deadline of {deadline:g} s exceeded") from None
    except NETWORK_ERRORS as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from None
    raise AssertionError("the redirect loop returns or raises")


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _read_body(response: httpx.Response, max_bytes: int, deadline_at: float) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response larger than {max_bytes} bytes")
        if time.monotonic() > deadline_at:
            # Reported like any other timeout by fetch_bytes.
            raise httpcore.ReadTimeout("deadline exceeded")
        chunks.append(chunk)
    return b"".join(chunks)
