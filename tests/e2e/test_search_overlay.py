"""The search overlay's suggestions in Debian's Chromium: typing shows up to five titles,
arrow keys and Enter open one, Enter alone opens the results page, Esc closes."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PageProblems

pytestmark = pytest.mark.browser


def open_overlay(page):
    page.locator("[data-search-open]").click()
    dialog = page.locator("dialog#search-overlay")
    expect(dialog).to_be_visible()
    return dialog, dialog.locator("input[name=q]")


def test_typing_shows_suggestions_keyboard_enter_and_esc(site, live_server, new_context):
    page = new_context().new_page()
    problems = PageProblems(page)
    page.goto(live_server.url + "/")
    dialog, field = open_overlay(page)
    listbox = dialog.locator("[role=listbox]")
    expect(field).to_have_attribute("aria-expanded", "false")

    # Typing: suggestions appear (the last word may be incomplete), at most five.
    field.press_sequentially("ether", delay=30)
    options = listbox.locator("[role=option]")
    expect(options.first).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    titles = options.all_text_contents()
    assert 1 <= len(titles) <= 5
    assert all(re.search(r"ether", t, re.I) for t in titles), titles

    # Arrow keys move the highlight (aria-activedescendant); Enter opens that article.
    field.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", "search-suggestion-0")
    if len(titles) > 1:
        field.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        field.press("ArrowUp")
    chosen = titles[0]
    field.press("Enter")
    expect(page.locator("h1")).to_have_text(chosen)

    # Enter without choosing a suggestion opens the results page.
    dialog, field = open_overlay(page)
    field.press_sequentially("pectra", delay=30)
    expect(dialog.locator("[role=option]").first).to_be_visible()
    field.press("Enter")
    expect(page).to_have_url(live_server.url + "/search/?q=pectra")
    expect(page.locator(".search-result__title a").first).to_contain_text("Pectra")
    expect(page.locator(".search-result mark").first).to_have_text(re.compile("pectra", re.I))

    # Esc closes the overlay with its suggestions.
    dialog, field = open_overlay(page)
    field.press_sequentially("bitcoin", delay=30)
    expect(dialog.locator("[role=option]").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(dialog.locator("[role=option]")).to_have_count(0)
    expect(page).to_have_url(live_server.url + "/search/?q=pectra")
    problems.assert_none()
