"""/api/docs on a phone: as wide as the screen, axe-clean, and the operations still open."""

import pytest
from playwright.sync_api import expect

from .conftest import PageProblems
from .test_validators import axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True)
def test_api_docs_fit_a_phone_and_pass_axe(live_server, new_context, axe_js):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True).new_page()
    problems = PageProblems(page)
    page.goto(live_server.url + "/api/docs")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("window.innerWidth") == PHONE["width"]  # the viewport meta took

    found = axe_violations(page, axe_js)
    # An operation opened (its parameters and responses) is checked too.
    operations.first.locator(".opblock-summary-control").click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    found += axe_violations(page, axe_js)
    assert not found, "axe-core WCAG violations:\n" + "\n".join(found)
    problems.assert_none()
