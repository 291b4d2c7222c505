"""The header on a phone (390 px): a menu button opens and closes the menu by tap and by
keyboard, an open submenu covers nothing, Topics reaches the categories the menu does not
show, and without JavaScript the whole menu is there."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

from .conftest import PageProblems

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def boxes_overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def test_menu_button_opens_and_closes_the_menu(site, live_server, phone):
    problems = PageProblems(phone)
    phone.goto(live_server.url + "/")
    button = phone.get_by_role("button", name="Menu", exact=True)
    nav = phone.get_by_role("navigation", name="Main")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    button.tap()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    # The menu fits the screen: one column, nothing off to the side.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for link in nav.locator(".menu__link").all():
        box = link.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    button.tap()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    # By keyboard: Enter opens, Escape closes and gives the focus back to the button.
    button.focus()
    phone.keyboard.press("Enter")
    expect(nav).to_be_visible()
    phone.keyboard.press("Tab")
    expect(nav.locator(".menu__link").first).to_be_focused()
    phone.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    problems.assert_none()


def test_an_open_submenu_covers_nothing(site, live_server, phone):
    phone.goto(live_server.url + "/")
    phone.get_by_role("button", name="Menu", exact=True).tap()
    crypto = phone.locator(".menu__item--parent").filter(
        has=phone.locator(".menu__link", has_text=re.compile(r"^Crypto$", re.I))
    )
    submenu = crypto.locator(".submenu")
    labels = [t.strip() for t in phone.locator(".site-nav .menu > .menu__item").all_inner_texts()]
    items = phone.locator(".site-nav .menu > .menu__item").all()
    others = [
        item
        for item, label in zip(items, labels, strict=True)
        if label.split("\n")[0].lower() != "crypto"
    ]
    assert len(others) == len(items) - 1
    before = [item.bounding_box() for item in others]
    crypto.locator(".menu__toggle").tap()
    expect(submenu).to_be_visible()
    sub_box = submenu.bounding_box()
    after = [item.bounding_box() for item in others]
    assert len(after) >= 5
    for box in after:
        assert not boxes_overlap(sub_box, box), (sub_box, box)
    # The items below moved down to make room; none moved sideways or up.
    moved = [b["y"] - a["y"] for a, b in zip(before, after, strict=True)]
    assert all(d >= 0 for d in moved)
    assert any(d >= sub_box["height"] - 1 for d in moved)
    for link in submenu.locator("a").all():
        box = link.bounding_box()
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        on_top = link.evaluate(
            "(a, [x, y]) => document.elementFromPoint(x, y)?.closest('a') === a", centre
        )
        assert on_top, f"{link.text_content()} is covered"


def test_topics_reaches_categories_outside_the_menu(site, live_server, phone):
    regulation = factories.category("Regulation")
    factories.article("A new rule for custodians", category=regulation)
    phone.goto(live_server.url + "/")
    phone.get_by_role("button", name="Menu", exact=True).tap()
    topics = phone.get_by_role("button", name="Topics")
    expect(topics).to_have_attribute("aria-expanded", "false")
    topics.tap()
    expect(topics).to_have_attribute("aria-expanded", "true")
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Regulation").tap()
    expect(phone).to_have_url(live_server.url + regulation.get_absolute_url())
    expect(phone.locator("h1")).to_have_text("Regulation")


def test_without_javascript_the_menu_is_shown_and_the_button_is_not(site, live_server, new_context):
    page = new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False).new_page()
    page.goto(live_server.url + "/")
    expect(page.locator(".menu-button")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Blockchain")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_page_does_not_jump_when_the_script_arrives(site, live_server, phone):
    # The first paint comes before the deferred script: the header must already be laid
    # out as the script leaves it (menu closed, button shown), or the whole page moves down
    # and up again (Lighthouse measured a layout shift of 0.32 when a "js" class decided).
    phone.goto(live_server.url + "/")
    expect(phone.get_by_role("button", name="Menu", exact=True)).to_be_visible()
    with_script = phone.locator("main").bounding_box()["y"]
    before = phone.context.new_page()
    before.route(re.compile(r".*/js/site[^/]*\.js$"), lambda route: route.abort())
    before.goto(live_server.url + "/")
    expect(before.get_by_role("navigation", name="Main")).to_be_hidden()
    assert before.locator("main").bounding_box()["y"] == with_script
