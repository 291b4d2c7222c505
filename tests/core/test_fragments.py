"""The cached menu, footer and sidebar lists are made again exactly when content changes."""

import pytest

from cryptoflexs.core.models import MenuLink, Page, SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


def test_menu_footer_and_sidebar_follow_each_change_at_once(client):
    SiteSettings.load()
    first = factories.article("First story")
    page = client.get("/").content.decode()
    assert "Directory" not in page
    assert "Privacy" not in page
    MenuLink.objects.create(label="Directory", url="/directory/")
    assert "Directory" in client.get("/").content.decode()
    Page.objects.create(title="Privacy", slug="privacy", show_in_footer=True)
    assert "Privacy" in client.get("/").content.decode()
    settings_row = SiteSettings.load()
    settings_row.about = "News about coins, every hour."
    settings_row.save()
    assert "News about coins, every hour." in client.get("/").content.decode()
    factories.category("Markets", show_in_menu=True)
    factories.article("Second story", is_top_insight=True)
    # The home page shows its Top Insights in the main column (#16), other pages in the sidebar.
    sidebar = client.get(first.get_absolute_url()).content.decode().split('class="sidebar"')[1]
    assert "Second story" in sidebar
    assert "Markets" in client.get("/").content.decode()
