"""The demo's DIRECTORY and SUBMIT menu entries lead to the community pages, and the demo
has approved listings and comments."""

import pytest

from cryptoflexs.articles import selectors
from cryptoflexs.comments.models import Comment
from cryptoflexs.demo import data
from cryptoflexs.demo.loader import demo_load
from cryptoflexs.directory.models import Listing


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_load(progress=False)
        yield
        from tests.demo.test_load_demo import _delete_everything

        _delete_everything()


@pytest.fixture
def loaded(demo, db):
    return demo


class DemoCommunityTests:
    def test_menu_links_lead_to_directory_and_submit(self, loaded, client):
        menu = {item.label: item.url for item in selectors.site_menu()}
        assert menu["Directory"] == "/directory/"
        assert menu["Submit"] == "/submit/"
        directory = client.get(menu["Directory"]).content.decode()
        assert "Crypto Directory" in directory
        assert "Norvex" in directory
        assert "Quickflip Yield" not in directory  # pending
        assert "Submit news or a press release" in client.get(menu["Submit"]).content.decode()
        contact_page = client.get("/contact-us/").content.decode()
        assert 'href="/contact/"' in contact_page

    def test_demo_has_approved_listings_and_comments(self, loaded, client):
        approved = Listing.objects.filter(status=Listing.Status.APPROVED)
        assert approved.count() == len(data.listings()) - 1
        assert {listing.kind for listing in approved} == {"exchange", "wallet", "project",
                                                          "service"}  # fmt: skip
        approved_comments = Comment.objects.filter(status=Comment.Status.APPROVED)
        assert approved_comments.count() == len(data.comments())
        reply = Comment.objects.exclude(parent=None).first()
        html = client.get(reply.article.get_absolute_url()).content.decode()
        assert reply.parent.body[:40] in html
        assert "comment-list--replies" in html
        bitharbor = client.get("/directory/bitharbor/").content.decode()
        related = bitharbor.split('id="related-title"', 1)[1].split("</section>", 1)[0]
        assert "BitHarbor" in related
        assert 'class="card"' in related

    def test_second_run_duplicates_nothing(self, loaded):
        counts = (Listing.objects.count(), Comment.objects.count())
        demo_load(progress=False)
        assert (Listing.objects.count(), Comment.objects.count()) == counts
