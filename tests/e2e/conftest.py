"""Fixtures for the browser and validator tests: Debian's Chromium driven by Playwright
against pytest-django's live_server, and the paths of the W3C Nu checker and axe-core."""

import os
import shutil
from pathlib import Path

import pytest

from .content import Site, build_site

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/lib/chromium/chromium")
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = ROOT / "node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    # Chromium still looks up Google hosts on its own; only loopback may resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def require(ok: bool, what: str, fix: str) -> None:
    """Fail (never skip) when a tool the suite depends on is missing."""
    if not ok:
        pytest.fail(f"{what} is missing: {fix}", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    """Launch Debian's Chromium once per test module."""
    require(
        os.access(CHROMIUM, os.X_OK),
        str(CHROMIUM),
        "run make test (installs Debian's chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Return a factory of browser contexts (all closed after the test)."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        context.set_default_timeout(5_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


class PageProblems:
    """Collect what goes wrong while a page loads: JavaScript errors, console errors (CSP
    violations land there) and failed or error responses other than the expected ones."""

    def __init__(self, page):
        self.items: list[str] = []
        self.expected_statuses: dict[str, int] = {}
        page.on("pageerror", lambda exc: self.items.append(f"JS error: {exc}"))
        page.on("console", self._console)
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # Chromium logs every error response; the ones a test asked for are fine.
        if message.text.startswith("Failed to load resource") and url in self.expected_statuses:
            return
        self.items.append(f"console: {message.text} ({url})")

    def _request_failed(self, request):
        # Leaving a page aborts what it was still loading (lazy images, the icon): harmless.
        if request.failure != "net::ERR_ABORTED":
            self.items.append(f"request failed: {request.url} {request.failure}")

    def _response(self, response):
        expected = self.expected_statuses.get(response.url, 200)
        if response.status >= 400 and response.status != expected:
            self.items.append(f"HTTP {response.status}: {response.url}")

    def expect(self, url: str, status: int) -> None:
        self.expected_statuses[url] = status

    def assert_none(self):
        assert not self.items, "\n".join(self.items)


@pytest.fixture
def site(transactional_db) -> Site:
    """Build the demo site in the database the live server reads."""
    return build_site()


@pytest.fixture
def vnu_jar() -> Path:
    require(
        VNU_JAR.is_file(),
        str(VNU_JAR),
        "run make test (npm ci installs the W3C Nu HTML checker)",
    )
    require(
        shutil.which("java") is not None,
        "java",
        "install a Java runtime (Debian: apt-get install default-jre-headless)",
    )
    return VNU_JAR


@pytest.fixture
def axe_js() -> Path:
    require(AXE_JS.is_file(), str(AXE_JS), "run make test (npm ci installs axe-core)")
    return AXE_JS
