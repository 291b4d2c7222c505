import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial import roles, services
from cryptoflexs.editorial.models import ArticleRevision, ArticleTransition
from tests import factories

pytestmark = pytest.mark.django_db
S = Article.Status


def form_data(article=None, **overrides):
    """The fields the article change form posts."""
    data = {
        "title": article.title if article else "A new story",
        "slug": article.slug if article else "a-new-story",
        "excerpt": "",
        "body_html": article.body_html if article else "<p>Some words here.</p>",
        "status": article.status if article else S.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "category": article.category_id if article else factories.category().pk,
        "featured_image_alt": "",
        "featured_image_credit": "",
    }
    if article and article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
    data.update(overrides)
    return data


class RoleTests:
    def test_roles_exist_with_their_permissions(self):
        assert set(Group.objects.values_list("name", flat=True)) >= {
            roles.ADMINISTRATOR,
            roles.EDITOR,
            roles.AUTHOR,
            roles.CONTRIBUTOR,
        }
        editor = Group.objects.get(name=roles.EDITOR).permissions.values_list("codename", flat=True)
        assert {"publish_article", "edit_others_articles", "change_page"} <= set(editor)
        author = set(
            Group.objects.get(name=roles.AUTHOR).permissions.values_list("codename", flat=True)
        )
        assert "submit_article" in author
        assert "publish_article" not in author
        contributor = Group.objects.get(name=roles.CONTRIBUTOR).permissions
        assert not contributor.filter(codename__in=["submit_article", "publish_article"]).exists()

    def test_author_cannot_see_or_edit_others_drafts(self, client, author_user, other_author):
        mine = factories.article(
            "Mine", status=S.DRAFT, published_at=None, author=author_user.author_profile
        )
        theirs = factories.article(
            "Theirs", status=S.DRAFT, published_at=None, author=other_author.author_profile
        )
        client.force_login(author_user)
        listing = client.get("/admin/articles/article/")
        assert listing.status_code == 200
        assert b"Mine" in listing.content
        assert b"Theirs" not in listing.content
        assert client.get(f"/admin/articles/article/{mine.pk}/change/").status_code == 200
        other = client.get(f"/admin/articles/article/{theirs.pk}/change/")
        assert other.status_code in (302, 403, 404)
        post = client.post(
            f"/admin/articles/article/{theirs.pk}/change/", form_data(theirs, title="Hijacked")
        )
        assert post.status_code in (302, 403, 404)
        theirs.refresh_from_db()
        assert theirs.title == "Theirs"

    def test_author_is_offered_review_but_not_publish(self, client, author_user):
        client.force_login(author_user)
        html = client.get("/admin/articles/article/add/").content.decode()
        status = html.split('name="status"')[1].split("</select>")[0]
        assert 'value="review"' in status
        assert 'value="published"' not in status
        response = client.post("/admin/articles/article/add/", form_data(status=S.IN_REVIEW))
        assert response.status_code == 302
        article = Article.objects.get(slug="a-new-story")
        assert article.status == S.IN_REVIEW
        assert article.author.user == author_user
        # Forcing "published" through a crafted POST is refused by the form.
        forced = client.post(
            "/admin/articles/article/add/", form_data(slug="forced", status=S.PUBLISHED)
        )
        assert forced.status_code == 200
        assert not Article.objects.filter(slug="forced").exists()

    def test_contributor_cannot_delete_published_or_see_publish_actions(self, client, contributor):
        client.force_login(contributor)
        html = client.get("/admin/articles/article/").content.decode()
        assert "publish_selected" not in html
        assert "mark_top_insight" not in html


class EditorFlowTests:
    def test_publish_from_the_form_records_transition_and_revision(self, client, editor):
        client.force_login(editor)
        response = client.post("/admin/articles/article/add/", form_data(status=S.PUBLISHED))
        assert response.status_code == 302, response.content[:2000]
        article = Article.objects.get(slug="a-new-story")
        assert article.is_live
        assert ArticleTransition.objects.filter(
            article=article, to_status=S.PUBLISHED, by=editor
        ).exists()
        assert ArticleRevision.objects.filter(article=article).count() == 1
        page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
        assert "Draft → Published" in page
        assert "1 revision(s)" in page

    def test_checklist_errors_are_shown_and_nothing_is_published(self, client, editor):
        client.force_login(editor)
        response = client.post(
            "/admin/articles/article/add/", form_data(status=S.PUBLISHED, body_html="<p></p>")
        )
        assert response.status_code == 200
        assert "The article needs a body." in response.content.decode()
        assert not Article.objects.filter(slug="a-new-story").exists()

    def test_slug_change_in_admin_redirects_old_url(self, client, editor):
        article = factories.article(slug="old-address")
        client.force_login(editor)
        response = client.post(
            f"/admin/articles/article/{article.pk}/change/", form_data(article, slug="new-address")
        )
        assert response.status_code == 302
        client.logout()
        assert client.get("/old-address/")["Location"] == "/new-address/"

    def test_schedule_from_the_form(self, client, editor):
        client.force_login(editor)
        when = timezone.localtime(timezone.now() + dt.timedelta(days=2))
        response = client.post(
            "/admin/articles/article/add/",
            form_data(
                status=S.SCHEDULED, published_at_0=f"{when:%Y-%m-%d}", published_at_1="10:00:00"
            ),
        )
        assert response.status_code == 302
        article = Article.objects.get(slug="a-new-story")
        assert article.status == S.SCHEDULED
        calendar = client.get(f"/admin/articles/article/calendar/?month={when:%Y-%m}")
        assert calendar.status_code == 200
        assert b"A new story" in calendar.content
        assert f"/admin/articles/article/{article.pk}/change/".encode() in calendar.content

    def test_bulk_publish_reports_failures(self, client, editor):
        good = factories.article(status=S.DRAFT, published_at=None)
        bad = factories.article(status=S.DRAFT, published_at=None, body_html="")
        client.force_login(editor)
        response = client.post(
            "/admin/articles/article/",
            {"action": "publish_selected", "_selected_action": [good.pk, bad.pk]},
            follow=True,
        )
        good.refresh_from_db()
        bad.refresh_from_db()
        assert good.status == S.PUBLISHED
        assert bad.status == S.DRAFT
        assert "needs a body" in response.content.decode()


class RevisionTests:
    def test_every_save_keeps_a_revision_and_one_can_be_restored(self, client, editor):
        article = factories.article("Original title", slug="story")
        client.force_login(editor)
        for title in ("Second title", "Third title"):
            response = client.post(
                f"/admin/articles/article/{article.pk}/change/", form_data(article, title=title)
            )
            assert response.status_code == 302
            article.refresh_from_db()
        revisions = ArticleRevision.objects.filter(article=article).order_by("number")
        assert [r.title for r in revisions] == ["Second title", "Third title"]
        compare = client.get(f"/admin/articles/article/{article.pk}/revisions/?a=1&b=2")
        assert compare.status_code == 200
        body = compare.content.decode()
        assert "Second" in body
        assert "Third" in body
        assert "diff_chg" in body or "diff_sub" in body
        restore = client.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/")
        assert restore.status_code == 302
        article.refresh_from_db()
        assert article.title == "Second title"
        latest = ArticleRevision.objects.filter(article=article).order_by("-number").first()
        assert latest.number == 3
        assert latest.note == "Restored revision 1"

    def test_restore_service_brings_back_body_and_tags(self, editor):
        tag_a, tag_b = factories.tag("A"), factories.tag("B")
        article = factories.article(body_html="<p>first body</p>", tags=[tag_a])
        first = services.revision_create(article=article, by=editor)
        article.body_html = "<p>second body</p>"
        article.save()
        article.tags.set([tag_b])
        services.revision_create(article=article, by=editor)
        services.revision_restore(revision=first, by=editor)
        article.refresh_from_db()
        assert article.body_html == "<p>first body</p>"
        assert list(article.tags.all()) == [tag_a]

    def test_author_cannot_open_others_revisions(self, client, author_user, other_author):
        theirs = factories.article(
            status=S.DRAFT, published_at=None, author=other_author.author_profile
        )
        services.revision_create(article=theirs, by=other_author)
        client.force_login(author_user)
        assert client.get(f"/admin/articles/article/{theirs.pk}/revisions/").status_code == 404
        assert (
            client.post(f"/admin/articles/article/{theirs.pk}/revisions/1/restore/").status_code
            == 404
        )
