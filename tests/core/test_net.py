"""cryptoflexs.core.net against real servers on loopback (no mocks of our own code)."""

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from cryptoflexs.core.net import FetchError, check_public_url, fetch_bytes


@pytest.fixture
def private_ok(settings):
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
    return settings


def ip_url(server: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


class FetchTests:
    def test_fetches_body_status_headers_with_our_user_agent(self, httpserver, private_ok):
        httpserver.expect_request(
            "/feed.xml", headers={"User-Agent": private_ok.HTTP_USER_AGENT}
        ).respond_with_data(b"<rss/>", content_type="application/rss+xml")

        result = fetch_bytes(ip_url(httpserver, "/feed.xml"), headers={"X-Extra": "1"})

        assert result.status == 200
        assert result.content == b"<rss/>"
        assert result.headers["content-type"] == "application/rss+xml"
        assert result.url == ip_url(httpserver, "/feed.xml")
        assert httpserver.log[0][0].headers["X-Extra"] == "1"

    def test_not_found_raises_with_status(self, httpserver, private_ok):
        httpserver.expect_request("/gone").respond_with_data("no", status=404)
        with pytest.raises(FetchError) as caught:
            fetch_bytes(ip_url(httpserver, "/gone"))
        assert caught.value.status == 404
        assert caught.value.reason == "HTTP 404"

    def test_not_modified_is_a_result_not_an_error(self, httpserver, private_ok):
        httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
            b"", status=304, headers={"ETag": '"v1"'}
        )
        result = fetch_bytes(ip_url(httpserver, "/feed"), headers={"If-None-Match": '"v1"'})
        assert (result.status, result.content, result.headers["etag"]) == (304, b"", '"v1"')

    def test_gzip_body_is_decoded(self, httpserver, private_ok):
        httpserver.expect_request("/z").respond_with_data(
            gzip.compress(b"hello " * 1000), headers={"Content-Encoding": "gzip"}
        )
        assert fetch_bytes(ip_url(httpserver, "/z")).content == b"hello " * 1000


class PrivateAddressTests:
    @pytest.mark.parametrize(
        "host",
        ["127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]", "10.1.2.3", "169.254.169.254",
         "192.168.1.1", "0.0.0.0", "[fe80::1]", "224.0.0.1"],  # noqa: S104
    )  # fmt: skip
    def test_refused_unless_allowed(self, host, httpserver, settings):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
        httpserver.expect_request("/").respond_with_data("secret")
        with pytest.raises(FetchError, match="non-public address"):
            fetch_bytes(f"http://{host}:{httpserver.port}/", deadline=2)
        assert httpserver.log == []

    def test_explicit_argument_overrides_the_setting(self, httpserver, private_ok):
        httpserver.expect_request("/").respond_with_data("secret")
        with pytest.raises(FetchError, match="non-public"):
            fetch_bytes(ip_url(httpserver, "/"), allow_private=False)
        assert fetch_bytes(ip_url(httpserver, "/"), allow_private=True).content == b"secret"

    def test_check_public_url(self, settings):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
        for url in ("http://127.0.0.1/", "https://localhost:8443/x", "http://[::1]/"):
            with pytest.raises(FetchError, match="non-public"):
                check_public_url(url)
        assert [str(a) for a in check_public_url("http://localhost/", allow_private=True)] == [
            "127.0.0.1"
        ]
        assert [str(a) for a in check_public_url("https://8.8.8.8/")] == ["8.8.8.8"]

    @pytest.mark.parametrize(
        "url", ["file:///etc/passwd", "ftp://8.8.8.8/", "gopher://8.8.8.8/", "8.8.8.8", "http:///x"]
    )
    def test_only_http_urls_with_a_host(self, url):
        with pytest.raises(FetchError):
            check_public_url(url, allow_private=True)

    def test_connects_to_the_checked_address_not_a_second_dns_answer(
        self, httpserver, private_ok, monkeypatch
    ):
        """A rebinding resolver answers loopback first, then an unroutable address: the
        connection must still go to the address that was checked."""
        lookups = []
        real_getaddrinfo = socket.getaddrinfo

        def rebinding_getaddrinfo(host, port, *args, **kwargs):
            if host == "rebind.test":
                lookups.append(host)
                host = "127.0.0.1" if len(lookups) == 1 else "192.0.2.1"
            return real_getaddrinfo(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
        httpserver.expect_request("/").respond_with_data("pinned")

        result = fetch_bytes(f"http://rebind.test:{httpserver.port}/", deadline=3)

        assert result.content == b"pinned"
        assert lookups == ["rebind.test"]
        assert httpserver.log[0][0].headers["Host"] == f"rebind.test:{httpserver.port}"

    def test_deadline_covers_a_hanging_dns_lookup(self, private_ok, monkeypatch):
        real_getaddrinfo = socket.getaddrinfo

        answered = threading.Event()

        def slow_getaddrinfo(host, *args, **kwargs):
            if host == "slow-dns.test":
                time.sleep(1.5)
                answered.set()
            return real_getaddrinfo(host, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", slow_getaddrinfo)
        with pytest.raises(FetchError, match="DNS lookup of slow-dns.test timed out"):
            fetch_bytes("http://slow-dns.test/", deadline=0.3)
        # It gave up before the lookup answered (how soon: bench/deadlines.py).
        assert not answered.is_set()


class RedirectTests:
    def chain(self, server: HTTPServer, hops: int) -> str:
        for n in range(hops):
            server.expect_request(f"/r{n}").respond_with_data(
                "", status=302, headers={"Location": f"/r{n + 1}"}
            )
        server.expect_request(f"/r{hops}").respond_with_data("end")
        return ip_url(server, "/r0")

    def test_chain_within_limit(self, httpserver, private_ok):
        result = fetch_bytes(self.chain(httpserver, 3), max_redirects=3)
        assert (result.content, result.url) == (b"end", ip_url(httpserver, "/r3"))

    def test_chain_over_limit(self, httpserver, private_ok):
        with pytest.raises(FetchError, match="too many redirects"):
            fetch_bytes(self.chain(httpserver, 3), max_redirects=2)
        assert len(httpserver.log) == 3

    @pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
    def test_redirect_to_another_scheme_refused(self, target, httpserver, private_ok):
        httpserver.expect_request("/").respond_with_data("", 301, {"Location": target})
        with pytest.raises(FetchError, match="only http and https"):
            fetch_bytes(ip_url(httpserver, "/"))

    def test_every_hop_is_checked_again(self, httpserver, settings):
        """The first hop is allowed; private networks are switched off while it is served,
        so the redirect target (loopback too) must be refused by the second check."""
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True

        def redirect_and_forbid(request):
            settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
            return Response("", 302, {"Location": f"http://localhost:{httpserver.port}/inside"})

        httpserver.expect_request("/out").respond_with_handler(redirect_and_forbid)
        httpserver.expect_request("/inside").respond_with_data("secret")
        with pytest.raises(FetchError, match="non-public"):
            fetch_bytes(ip_url(httpserver, "/out"))
        assert [entry[0].path for entry in httpserver.log] == ["/out"]

    def test_credentials_dropped_when_the_origin_changes(self, httpserver, private_ok):
        httpserver.expect_request("/a").respond_with_data(
            "", 302, {"Location": f"http://localhost:{httpserver.port}/b"}
        )
        httpserver.expect_request("/b").respond_with_data("ok")
        fetch_bytes(ip_url(httpserver, "/a"), headers={"Authorization": "Bearer x", "X-Keep": "1"})
        second = httpserver.log[1][0]
        assert "Authorization" not in second.headers
        assert second.headers["X-Keep"] == "1"


class LimitTests:
    def test_body_over_the_cap(self, httpserver, private_ok):
        httpserver.expect_request("/big").respond_with_data(b"x" * 300_000)
        with pytest.raises(FetchError, match="response larger than 100000 bytes"):
            fetch_bytes(ip_url(httpserver, "/big"), max_bytes=100_000)
        assert len(fetch_bytes(ip_url(httpserver, "/big"), max_bytes=300_000).content) == 300_000

    def test_gzip_bomb_is_capped_after_decoding(self, httpserver, private_ok):
        bomb = gzip.compress(b"\0" * 20_000_000, compresslevel=9)
        assert len(bomb) < 100_000
        httpserver.expect_request("/bomb").respond_with_data(
            bomb, headers={"Content-Encoding": "gzip"}
        )
        with pytest.raises(FetchError, match="response larger than 1000000 bytes"):
            fetch_bytes(ip_url(httpserver, "/bomb"), max_bytes=1_000_000)

    def test_total_deadline_against_a_slow_drip(self, httpserver, private_ok):
        sent = []

        def drip():
            for _ in range(40):
                sent.append(1)
                yield b"."
                time.sleep(0.1)

        httpserver.expect_request("/drip").respond_with_handler(lambda request: Response(drip()))
        with pytest.raises(FetchError, match="deadline of 1 s exceeded"):
            fetch_bytes(ip_url(httpserver, "/drip"), deadline=1)
        assert len(sent) < 40  # still dripping when the fetch gave up

    def test_deadline_holds_inside_a_stalled_read(self, private_ok):
        """Headers arrive, then nothing: the cap applies within the read, not between reads."""

        resumed = threading.Event()

        def stall():
            yield b"."
            time.sleep(1.2)
            resumed.set()
            yield b"."

        server = HTTPServer(host="127.0.0.1", threaded=True)
        server.expect_request("/stall").respond_with_handler(lambda request: Response(stall()))
        server.start()
        try:
            with pytest.raises(FetchError, match="deadline"):
                fetch_bytes(ip_url(server, "/stall"), deadline=0.5)
            assert not resumed.is_set()  # it gave up inside the stalled read
        finally:
            server.clear()
            server.stop()


@pytest.fixture(scope="module")
def localhost_cert(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext",
         "subjectAltName=DNS:localhost", "-keyout", folder / "key.pem", "-out",
         folder / "cert.pem"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return folder / "cert.pem", folder / "key.pem"


class TLSTests:
    """https goes through the pinned connection with SNI and certificate checks intact."""

    @pytest.fixture
    def tls_server(self, localhost_cert, monkeypatch):
        cert, key = localhost_cert
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        server = HTTPServer(host="127.0.0.1", ssl_context=context)
        server.expect_request("/").respond_with_data("over tls")
        server.start()
        yield server
        server.clear()
        server.stop()

    def test_verified_by_host_name(self, tls_server, private_ok):
        result = fetch_bytes(f"https://localhost:{tls_server.port}/")
        assert result.content == b"over tls"

    def test_certificate_for_another_name_is_refused(self, tls_server, private_ok):
        with pytest.raises(FetchError, match="ConnectError"):
            fetch_bytes(f"https://127.0.0.1:{tls_server.port}/")
