import datetime as dt
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cryptoflexs.articles.models import Article, ArticleRedirect
from cryptoflexs.articles.services import article_slug_changed
from cryptoflexs.editorial import services
from cryptoflexs.editorial.checklist import publish_checklist
from cryptoflexs.editorial.models import ArticleTransition
from tests import factories

pytestmark = pytest.mark.django_db
S = Article.Status


def draft(author=None, **fields):
    fields.setdefault("status", S.DRAFT)
    fields.setdefault("published_at", None)
    return factories.article(author=author, **fields)


class TransitionTests:
    def test_editor_walks_the_whole_workflow_with_an_audit_trail(self, editor):
        article = draft()
        services.article_transition(article=article, to=S.IN_REVIEW, by=editor)
        services.article_transition(article=article, to=S.PUBLISHED, by=editor)
        assert article.is_live
        services.article_transition(article=article, to=S.UNPUBLISHED, by=editor)
        article.refresh_from_db()
        assert article.status == S.UNPUBLISHED
        assert not Article.objects.published().filter(pk=article.pk).exists()
        trail = list(
            ArticleTransition.objects.filter(article=article)
            .order_by("at", "pk")
            .values_list("from_status", "to_status", "by__username")
        )
        assert trail == [
            (S.DRAFT, S.IN_REVIEW, "edna"),
            (S.IN_REVIEW, S.PUBLISHED, "edna"),
            (S.PUBLISHED, S.UNPUBLISHED, "edna"),
        ]

    def test_republishing_keeps_the_original_date(self, editor):
        article = draft()
        services.article_transition(article=article, to=S.PUBLISHED, by=editor)
        first_date = article.published_at
        services.article_transition(article=article, to=S.UNPUBLISHED, by=editor)
        services.article_transition(article=article, to=S.PUBLISHED, by=editor)
        article.refresh_from_db()
        assert article.published_at == first_date

    def test_author_submits_own_draft_but_cannot_publish(self, author_user):
        article = draft(author=author_user.author_profile)
        with pytest.raises(PermissionDenied):
            services.article_transition(article=article, to=S.PUBLISHED, by=author_user)
        services.article_transition(article=article, to=S.IN_REVIEW, by=author_user)
        assert article.status == S.IN_REVIEW
        with pytest.raises(PermissionDenied):
            services.article_transition(article=article, to=S.SCHEDULED, by=author_user)

    def test_author_cannot_move_someone_elses_article(self, author_user, other_author):
        article = draft(author=other_author.author_profile)
        with pytest.raises(PermissionDenied):
            services.article_transition(article=article, to=S.IN_REVIEW, by=author_user)

    def test_contributor_keeps_drafts_only(self, contributor):
        article = draft(author=contributor.author_profile)
        assert services.allowed_transitions(article=article, user=contributor) == set()
        with pytest.raises(PermissionDenied):
            services.article_transition(article=article, to=S.IN_REVIEW, by=contributor)

    @pytest.mark.parametrize(
        ("start", "to"),
        [(S.PUBLISHED, S.IN_REVIEW), (S.PUBLISHED, S.SCHEDULED), (S.SCHEDULED, S.UNPUBLISHED)],
    )
    def test_moves_outside_the_workflow_are_refused(self, editor, start, to):
        when = timezone.now() + dt.timedelta(days=1) if start == S.SCHEDULED else None
        article = draft(status=start, published_at=when or timezone.now())
        with pytest.raises(PermissionDenied):
            services.article_transition(article=article, to=to, by=editor)

    def test_publishing_with_a_future_time_schedules(self, editor):
        article = draft(published_at=timezone.now() + dt.timedelta(hours=2))
        services.article_transition(article=article, to=S.PUBLISHED, by=editor)
        assert article.status == S.SCHEDULED
        assert not article.is_live

    def test_scheduling_needs_a_future_time(self, editor):
        article = draft(published_at=timezone.now() - dt.timedelta(minutes=1))
        with pytest.raises(ValidationError, match="future"):
            services.article_transition(article=article, to=S.SCHEDULED, by=editor)

    def test_a_stale_state_is_refused(self, editor):
        article = draft()
        stale = Article.objects.get(pk=article.pk)
        services.article_transition(article=article, to=S.PUBLISHED, by=editor)
        with pytest.raises(ValidationError, match="changed"):
            services.article_transition(article=stale, to=S.IN_REVIEW, by=editor)


class ChecklistTests:
    def test_blocks_publishing_without_title_body_or_category_text(self, editor):
        article = draft(body_html="<p>   </p>")
        with pytest.raises(ValidationError) as exc:
            services.article_transition(article=article, to=S.PUBLISHED, by=editor)
        assert "The article needs a body." in exc.value.messages
        article.refresh_from_db()
        assert article.status == S.DRAFT

    def test_image_needs_alt_text_and_credit(self):
        article = draft()
        article.featured_image.name = "articles/x.jpg"
        errors = publish_checklist(article).errors
        assert any("alt text" in e for e in errors)
        assert any("credit" in e for e in errors)
        article.featured_image_alt, article.featured_image_credit = "A chart", "Image: us"
        assert publish_checklist(article).ok

    def test_warns_about_a_duplicate_recent_title(self):
        factories.article("Bitcoin tops $100,000")
        article = draft(title="Bitcoin Tops $100,000!")
        result = publish_checklist(article)
        assert result.ok
        assert any("same title" in w for w in result.warnings)


class ScheduledPublicationTests:
    def test_due_article_is_published_once_however_often_it_is_called(self, editor):
        article = draft(published_at=timezone.now() + dt.timedelta(minutes=5))
        services.article_transition(article=article, to=S.SCHEDULED, by=editor)
        later = timezone.now() + dt.timedelta(minutes=6)
        assert services.article_publish_due(article_id=article.pk, now=later) is True
        assert services.article_publish_due(article_id=article.pk, now=later) is False
        assert services.articles_publish_due(now=later) == 0
        article.refresh_from_db()
        assert article.status == S.PUBLISHED
        assert ArticleTransition.objects.filter(article=article, to_status=S.PUBLISHED).count() == 1

    def test_not_published_before_its_time(self, editor):
        article = draft(published_at=timezone.now() + dt.timedelta(minutes=5))
        services.article_transition(article=article, to=S.SCHEDULED, by=editor)
        assert services.articles_publish_due() == 0
        article.refresh_from_db()
        assert article.status == S.SCHEDULED

    def test_a_late_publication_is_logged(self, editor, caplog):
        article = draft(published_at=timezone.now() + dt.timedelta(minutes=5))
        services.article_transition(article=article, to=S.SCHEDULED, by=editor)
        with caplog.at_level(logging.WARNING, logger="cryptoflexs.editorial.services"):
            services.articles_publish_due(now=timezone.now() + dt.timedelta(hours=1))
        assert "s after its time" in caplog.text
        note = ArticleTransition.objects.get(article=article, to_status=S.PUBLISHED).note
        assert "late" in note


class SlugHistoryTests:
    def test_renaming_a_published_article_keeps_the_old_url(self, client):
        article = factories.article(slug="first-name")
        old = article.slug
        article.slug = "second-name"
        article.save()
        article_slug_changed(article=article, old_slug=old)
        response = client.get("/first-name/")
        assert response.status_code == 301
        assert response["Location"] == "/second-name/"
        # Renaming back removes the redirect that would now loop.
        article.slug = "first-name"
        article.save()
        article_slug_changed(article=article, old_slug="second-name")
        assert client.get("/first-name/").status_code == 200
        assert client.get("/second-name/")["Location"] == "/first-name/"
        assert not ArticleRedirect.objects.filter(old_path="/first-name/").exists()

    def test_drafts_leave_no_redirects(self):
        article = draft(slug="tmp-name")
        article.slug = "final-name"
        article.save()
        article_slug_changed(article=article, old_slug="tmp-name")
        assert not ArticleRedirect.objects.exists()
