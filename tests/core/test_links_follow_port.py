"""Links follow the port (issue #16, item 1): with SITE_URL unset, `manage.py serve` on any
port makes every absolute link name that port: feeds, sitemaps, robots.txt, og:url, the
API, the newsletter's confirmation mail (sent by the task consumer serve starts) and the
"Log in at" banner. With SITE_URL set and different, serve warns at start."""

import json
import re
import threading
import urllib.request

import pytest

from tests import factories
from tests.faults import ServeProcess, free_port
from tests.processes import manage

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        return response.read().decode()


def post(url: str, data: dict) -> int:
    body = urllib.parse.urlencode(data).encode()
    with urllib.request.urlopen(url, data=body, timeout=30) as response:  # noqa: S310
        return response.status


class MailCatcher:
    def __init__(self):
        self.messages: list[str] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope.content.decode())
        self.arrived.set()
        return "250 OK"


@pytest.fixture
def mail_server():
    from aiosmtpd.controller import Controller

    handler = MailCatcher()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, handler
    controller.stop()


@pytest.fixture
def article():
    return factories.article("Miners move to cheap power", slug="miners-move")


class LinksFollowThePortTests:
    def test_every_absolute_link_names_the_served_port(self, serve_env, article, mail_server):
        smtp_port, mail = mail_server
        serve_env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
        server = ServeProcess(serve_env)
        server.start(worker=True)
        try:
            here = server.url  # http://127.0.0.1:<a free port>, never :8000
            article_url = f"{here}/miners-move/"
            assert f"<link>{article_url}</link>" in fetch(f"{here}/feed/")
            assert f"<loc>{here}/sitemap-articles.xml</loc>" in fetch(f"{here}/sitemap.xml")
            assert f"<loc>{article_url}</loc>" in fetch(f"{here}/sitemap-articles.xml")
            assert f"Sitemap: {here}/sitemap.xml" in fetch(f"{here}/robots.txt")
            page = fetch(article_url)
            assert f'<meta property="og:url" content="{article_url}">' in page
            assert f'<link rel="canonical" href="{article_url}">' in page
            assert f'"url":"{article_url}"' in page  # JSON-LD
            [item] = json.loads(fetch(f"{here}/api/articles"))["items"]
            assert item["url"] == article_url
            assert ":8000" not in page

            post(f"{here}/newsletter/", {"email": "port@example.org", "frequency": "weekly"})
            assert mail.arrived.wait(timeout=60), server.output[-2000:]
            assert re.search(rf"{re.escape(here)}/newsletter/confirm/\S+/", mail.messages[0])
        finally:
            server.stop()

    def test_a_different_site_url_is_used_and_warned_about(self, serve_env, article):
        serve_env["SITE_URL"] = "https://news.example.org"
        server = ServeProcess(serve_env)
        server.start()
        try:
            assert "Sitemap: https://news.example.org/sitemap.xml" in fetch(
                f"{server.url}/robots.txt"
            )
        finally:
            server.stop()
        assert (
            f"SITE_URL is https://news.example.org but this server listens on {server.url}"
            in server.output
        )

    def test_the_log_in_banner_names_the_port(self, serve_env):
        serve_env["PORT"] = "18300"
        result = manage(serve_env, "bootstrap", "--no-demo")
        assert result.returncode == 0, result.stderr
        assert "Log in at http://127.0.0.1:18300/admin/" in result.stdout
