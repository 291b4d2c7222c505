"""The header menu's Topics entry: every category with articles is reachable from a menu,
built from the category tree (no list of names in a template)."""

import re

import pytest

from cryptoflexs.articles.models import Article
from cryptoflexs.articles.selectors import site_menu
from tests import factories

pytestmark = pytest.mark.django_db


def nav_of(html: str) -> str:
    return html.split('aria-label="Main"')[1].split("</nav>")[0]


def test_topics_lists_the_categories_with_articles_that_the_menu_does_not_show(client):
    crypto = factories.category("Crypto", show_in_menu=True)
    hidden_child = factories.category("Memecoins", parent=crypto)  # on Crypto's own page
    regulation = factories.category("Regulation")
    defi = factories.category("DeFi")
    lending = factories.category("Lending", parent=defi)
    factories.category("Empty")
    drafts_only = factories.category("Drafts only")
    factories.article(category=hidden_child)
    factories.article(category=regulation)
    factories.article(category=lending)  # DeFi has articles through its sub-category
    factories.article(category=drafts_only, status=Article.Status.DRAFT)
    factories.article(category=crypto)

    topics = site_menu()[-1]
    assert topics.label == "Topics"
    assert topics.url == ""
    # Lending is listed too: its parent is not in the menu either.
    assert [c.label for c in topics.children] == ["DeFi", "Lending", "Regulation"]
    assert topics.children[0].url == "/category/defi/"

    nav = nav_of(client.get("/").content.decode())
    button = re.search(
        r'<button class="menu__toggle menu__toggle--label"[^>]*>(.*?)</button>', nav, re.S
    )
    assert '<span class="menu__label">Topics</span>' in button.group(1)
    assert '<a class="submenu__link" href="/category/regulation/">Regulation</a>' in nav


def test_no_topics_entry_when_the_menu_reaches_everything(client):
    crypto = factories.category("Crypto", show_in_menu=True)
    factories.article(category=crypto)
    assert [item.label for item in site_menu()] == ["Crypto"]
    assert "Topics" not in nav_of(client.get("/").content.decode())


def test_newsletter_topics_and_category_choices_show_names_not_slugs(client):
    adoption = factories.category("Adoption News", slug="adoption-news")
    factories.category("Bitcoin", parent=factories.category("Crypto"))
    html = client.get("/newsletter/").content.decode()
    topics = html.split("<legend")[2].split("</fieldset>")[0]
    assert "Adoption News" in topics
    assert "adoption-news</label>" not in topics
    assert str(adoption) == "Adoption News"
    search = client.get("/search/").content.decode()
    assert ">Crypto › Bitcoin</option>" in search
