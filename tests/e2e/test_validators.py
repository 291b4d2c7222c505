"""Every kind of public page passes the W3C Nu HTML checker and axe-core's WCAG 2.x A/AA
rules."""

import json
import subprocess

import pytest
from django.template import loader

from .conftest import PHONE, PageProblems

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def public_pages(site) -> dict[str, tuple[str, int]]:
    """Return {name: (path, expected status)} for one page of every kind."""
    article = site.journey
    published = article.published_at
    return {
        "home": ("/", 200),
        "article": (article.get_absolute_url(), 200),
        "article-short": (site.short.get_absolute_url(), 200),
        "category": (site.categories["crypto"].get_absolute_url(), 200),
        "subcategory": (site.categories["crypto/ethereum"].get_absolute_url(), 200),
        "tag": (site.tags["Ethereum"].get_absolute_url(), 200),
        "author": (site.authors[0].get_absolute_url(), 200),
        "archive-month": (f"/{published:%Y}/{published:%m}/", 200),
        "search-form": ("/search/", 200),
        "search-results": ("/search/?q=bitcoin", 200),
        "search-nothing": ("/search/?q=zzzz", 200),
        "static-page": (site.pages[0].get_absolute_url(), 200),
        "not-found": ("/no-such-page/", 404),
        "api-docs": ("/api/docs", 200),
        "newsletter": ("/newsletter/", 200),
    }


def test_pages_pass_the_nu_html_checker(site, client, vnu_jar, tmp_path):
    for name, (path, status) in public_pages(site).items():
        response = client.get(path)
        assert response.status_code == status, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    # The 500 page is rendered without a request or context processors.
    (tmp_path / "server-error.html").write_text(loader.get_template("500.html").render())

    # One JVM for all pages: starting the checker costs about a second.
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--no-langdetect", "--format", "json",
         "--stdout", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.stdout, f"the checker printed nothing (exit {result.returncode}): {result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        f"  [{m.get('extract', '').strip()}]"
        for m in messages
    ]
    assert not errors, "Nu HTML checker errors:\n" + "\n".join(errors)
    assert result.returncode == 0, result.stderr


def axe_violations(page, axe_js) -> list[str]:
    page.add_script_tag(path=str(axe_js))
    # Only the violations cross back to Python (the full result is large and slow to pass).
    violations = page.evaluate(
        """async tags => {
            const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            const result = await axe.run(document, options);
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target),
            }));
        }""",
        AXE_TAGS,
    )
    return [f"{v['id']} ({v['impact']}): {v['targets']} — {v['help']}" for v in violations]


@pytest.mark.browser
def test_pages_have_no_axe_violations(site, live_server, new_context, axe_js):
    # The site's Content-Security-Policy would refuse the injected axe-core script.
    page = new_context(bypass_csp=True).new_page()
    problems = PageProblems(page)
    found = {}
    for name, (path, status) in public_pages(site).items():
        url = live_server.url + path
        problems.expect(url, status)
        response = page.goto(url)
        assert response.status == status, path
        found[name] = axe_violations(page, axe_js)

    # The states JavaScript opens: the CRYPTO submenu and the search overlay.
    page.goto(live_server.url + "/")
    page.locator(".menu__toggle").first.click()
    found["home-submenu-open"] = axe_violations(page, axe_js)
    page.keyboard.press("Escape")
    page.locator("[data-search-open]").click()
    page.locator("dialog#search-overlay").wait_for(state="visible")
    found["home-search-overlay"] = axe_violations(page, axe_js)

    # Target sizes and reflow differ on a phone.
    phone = new_context(bypass_csp=True, viewport=PHONE, is_mobile=True).new_page()
    for name in ("home", "article"):
        phone.goto(live_server.url + public_pages(site)[name][0])
        found[f"{name}-phone"] = axe_violations(phone, axe_js)
    # The phone menu open, with a submenu open in it.
    phone.get_by_role("button", name="Menu", exact=True).click()
    phone.locator(".menu__toggle").first.click()
    found["article-phone-menu-open"] = axe_violations(phone, axe_js)

    page.set_content(loader.get_template("500.html").render())
    found["server-error"] = axe_violations(page, axe_js)

    report = [f"{name}: {v}" for name, violations in found.items() for v in violations]
    assert not report, "axe-core WCAG violations:\n" + "\n".join(report)
    problems.assert_none()
