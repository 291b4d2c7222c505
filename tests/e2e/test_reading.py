"""A reader's journey through the site in Debian's Chromium: menu, article, sharing, search;
the same site without JavaScript; and a phone-sized screen."""

import math
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import PHONE, PageProblems

pytestmark = pytest.mark.browser

SHARE_LABELS = ["Facebook", "X (Twitter)", "Pinterest", "LinkedIn", "Tumblr", "Email"]
# For each share target: the query parameter carrying the article's URL and the one carrying
# its title (None when that service takes no title).
SHARE_PARAMS = {
    "www.facebook.com": ("u", None),
    "twitter.com": ("url", "text"),
    "pinterest.com": ("url", "description"),
    "www.linkedin.com": ("url", None),
    "www.tumblr.com": ("canonicalUrl", "title"),
    "": ("body", "subject"),  # mailto:
}


def crypto_menu_item(page):
    crypto = page.locator(".menu__link", has_text=re.compile(r"^Crypto$", re.I))
    return page.locator(".menu__item--parent").filter(has=crypto)


def expected_reading_time(page) -> str:
    """Work out "N Mins Read" from the words the reader sees in the article body."""
    words = len(page.locator(".prose").inner_text().split())
    minutes = max(1, math.ceil(words / settings.READING_WORDS_PER_MINUTE))
    return "1 Min Read" if minutes == 1 else f"{minutes} Mins Read"


def check_share_links(page, absolute_url: str, title: str) -> None:
    for share in page.locator("nav.share").all():
        links = share.locator("a.share__link")
        expect(links).to_have_count(6)
        labels = [text.replace(" (opens in a new tab)", "") for text in links.all_text_contents()]
        assert labels == SHARE_LABELS
        for href in [link.get_attribute("href") for link in links.all()]:
            parts = urlsplit(href)
            url_param, title_param = SHARE_PARAMS[parts.netloc]
            # Percent-encoded in full: "/" and ":" too, so no part of the URL leaks into ours.
            assert f"{url_param}={quote(absolute_url, safe='')}" in href, href
            params = parse_qs(parts.query, strict_parsing=True)
            assert params[url_param] == [absolute_url], href
            if title_param:
                assert f"{title_param}={quote(title, safe='')}" in href, href
                assert params[title_param] == [title], href
            if parts.scheme == "https":
                assert href.startswith(("https://www.", "https://twitter.", "https://pinterest."))
            else:
                assert parts.scheme == "mailto", href


def test_reader_journey_menu_article_share_and_search(site, live_server, new_context):
    page = new_context().new_page()
    problems = PageProblems(page)
    page.goto(live_server.url + "/")

    # The stylesheet and the script were served (the menu and the overlay depend on them).
    header_bg = page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    assert header_bg == "rgb(15, 23, 36)", "site.css did not load"
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))

    # The CRYPTO submenu opens and closes with its toggle button (keyboard and click).
    item = crypto_menu_item(page)
    toggle = item.locator(".menu__toggle")
    submenu = item.locator(".submenu")
    ethereum = submenu.get_by_role("link", name="Ethereum", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(submenu).to_be_hidden()
    toggle.focus()
    expect(submenu).to_be_hidden()  # focus alone does not open it when JavaScript runs
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(submenu).to_be_visible()
    expect(submenu.locator("a")).to_have_text(["Ethereum", "Bitcoin", "Altcoin"], ignore_case=True)
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.mouse.move(0, 0)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    ethereum.click()

    # The ETHEREUM category lists its articles.
    expect(page).to_have_url(live_server.url + "/category/crypto/ethereum/")
    expect(page.locator("h1")).to_have_text("Ethereum")
    article = site.journey
    page.locator(".card__title a", has_text=article.title).click()

    # The article: breadcrumb from the category tree, reading time, share links.
    absolute_url = live_server.url + article.get_absolute_url()
    expect(page).to_have_url(absolute_url)
    expect(page.locator("h1")).to_have_text(article.title)
    crumbs = page.locator(".breadcrumb li")
    expect(crumbs).to_have_text(["Home", "Crypto", "Ethereum", article.title])
    assert [a.get_attribute("href") for a in page.locator(".breadcrumb a").all()] == [
        "/",
        "/category/crypto/",
        "/category/crypto/ethereum/",
    ]
    separator = crumbs.nth(1).evaluate("el => getComputedStyle(el, '::before').content")
    assert separator == '"»"'
    expect(page.locator(".breadcrumb [aria-current=page]")).to_have_text(article.title)

    reading_time = expected_reading_time(page)
    assert reading_time != "1 Min Read", "the journey article should be a long read"
    expect(page.locator(".reading-time")).to_have_text(reading_time)
    # Share links name the public address (SITE_URL), never the Host of the request (#15).
    check_share_links(page, settings.SITE_URL + article.get_absolute_url(), article.title)
    expect(page.locator("nav.share")).to_have_count(2)

    # The search overlay: the header's search link opens a dialog; Enter searches.
    opener = page.locator("[data-search-open]")
    dialog = page.locator("dialog#search-overlay")
    expect(dialog).to_be_hidden()
    expect(opener).to_have_attribute("aria-haspopup", "dialog")
    opener.click()
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.open")
    expect(dialog.locator("input[name=q]")).to_be_focused()
    page.keyboard.type("Pectra")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/search/?q=Pectra")
    expect(page.locator("h1")).to_contain_text("Pectra")
    results = page.locator(".card__title a")
    expect(results).to_have_text([article.title])

    # Esc closes the overlay and gives the focus back to the search link.
    opener.click()
    expect(dialog).to_be_visible()
    page.keyboard.type("bitcoin")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert not dialog.evaluate("d => d.open")
    expect(opener).to_be_focused()
    expect(page).to_have_url(live_server.url + "/search/?q=Pectra")

    # A short article reads in one minute (singular).
    page.goto(live_server.url + site.short.get_absolute_url())
    expect(page.locator(".reading-time")).to_have_text("1 Min Read")
    assert expected_reading_time(page) == "1 Min Read"
    problems.assert_none()


def test_without_javascript_search_and_submenu_still_work(site, live_server, new_context):
    page = new_context(java_script_enabled=False).new_page()
    problems = PageProblems(page)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bjs\b"))

    # The search link is a plain link to the search page.
    opener = page.locator("[data-search-open]")
    expect(opener).to_have_attribute("href", "/search/")
    assert opener.get_attribute("aria-haspopup") is None

    # Keyboard users reach the submenu: it shows while focus is inside its menu item.
    item = crypto_menu_item(page)
    submenu = item.locator(".submenu")
    # Hidden links are not in the accessibility tree, so find it by CSS.
    ethereum = submenu.locator("a", has_text=re.compile(r"^Ethereum$", re.I))
    expect(ethereum).to_have_count(1)
    expect(submenu).to_be_hidden()
    item.locator(".menu__link").focus()
    expect(submenu).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
        if ethereum.evaluate("el => el === document.activeElement"):
            break
    expect(ethereum).to_be_focused()
    expect(ethereum).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/category/crypto/ethereum/")

    # CRYPTO itself is a link to the category page, which lists the sub-categories.
    page.goto(live_server.url + "/")
    crypto_menu_item(page).locator(".menu__link").click()
    expect(page).to_have_url(live_server.url + "/category/crypto/")
    chips = page.get_by_role("list", name="Sub-categories").get_by_role("link")
    expect(chips).to_have_text(["Ethereum", "Bitcoin", "Altcoin"])
    assert chips.first.get_attribute("href") == "/category/crypto/ethereum/"

    page.locator("[data-search-open]").click()
    expect(page).to_have_url(live_server.url + "/search/")
    expect(page.locator("dialog#search-overlay")).to_be_hidden()
    page.get_by_label("Search articles").first.fill("validators")
    page.get_by_label("Search articles").first.press("Enter")
    # Full-text search stems words: "validators" also finds "validator".
    expect(page.locator(".card__title a", has_text=site.journey.title)).to_have_count(1)
    problems.assert_none()


def test_phone_width_has_no_horizontal_scrolling(site, live_server, new_context):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    problems = PageProblems(page)
    paths = [
        "/",
        site.journey.get_absolute_url(),
        site.categories["crypto"].get_absolute_url(),
        "/search/?q=bitcoin",
    ]
    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert not too_wide, f"wider than {PHONE['width']} px: {too_wide}"

    # The submenu opens by tap (in the menu the menu button opens) and fits on the screen.
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu", exact=True).tap()
    item = crypto_menu_item(page)
    item.locator(".menu__toggle").tap()
    submenu = item.locator(".submenu")
    expect(submenu).to_be_visible()
    box = submenu.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    # Nothing paints over it (the menu items on the second row once did).
    for link in submenu.locator("a").all():
        box = link.bounding_box()
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        on_top = link.evaluate(
            "(a, [x, y]) => document.elementFromPoint(x, y)?.closest('a') === a", centre
        )
        assert on_top, f"{link.text_content()} is covered"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems.assert_none()
