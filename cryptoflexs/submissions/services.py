"""SUBMIT and Contact Us writes: store what the public sends, tell the editors, and turn a
submission into a draft article."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from cryptoflexs.articles import services as articles
from cryptoflexs.articles.models import Article, Category
from cryptoflexs.comments.text import plain_text_html
from cryptoflexs.core.enqueue import enqueue_on_commit
from cryptoflexs.core.html import html_to_text

from . import notify
from .models import ContactMessage, Submission

EXCERPT_CHARS = 280


def submission_create(*, data: dict, ip_address: str | None = None) -> Submission:
    """Store a submission in the moderation queue and e-mail the editors after commit (or,
    when the task queue is down, once the pending sweep finds it)."""
    submission = Submission(**data, ip_address=ip_address or None, notify_pending=True)
    submission.sponsored = submission.kind == Submission.Kind.PAID
    submission.full_clean()
    with transaction.atomic():
        submission.save()
        enqueue_on_commit("submission_notify_task", submission.pk)
    return submission


def submission_notify(*, submission: Submission) -> int:
    lines = [
        f"{submission.get_kind_display()} from {submission.contact_name} "
        f"<{submission.contact_email}>"
        + (f", {submission.organisation}" if submission.organisation else ""),
        "",
        f"Headline: {submission.title}",
        f"Link: {submission.link or '—'}",
        "",
        submission.body,
        "",
        f"Review it: {notify.admin_url('admin:submissions_submission_change', submission.pk)}",
    ]
    return notify.send_to_editors(
        subject=f"New {submission.get_kind_display().lower()}: {submission.title}",
        body="\n".join(lines),
        reply_to=submission.contact_email,
    )


def _default_category() -> Category | None:
    return Category.objects.filter(parent=None).order_by("menu_order", "pk").first()


def submission_to_draft(*, submission: Submission, by) -> Article:
    """Turn `submission` into a draft article written as `by` (once: a second call returns
    the same article) and mark the submission accepted."""
    from cryptoflexs.editorial.admin import author_profile_for
    from cryptoflexs.editorial.services import revision_create

    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.article_id:
            return submission.article
        category = submission.category or _default_category()
        if category is None:
            raise ValidationError("Create a category first: every article needs one.")
        body_html = str(plain_text_html(submission.body, rel="nofollow"))
        if submission.link:
            body_html += format_html(
                '<p>More information: <a href="{}">{}</a></p>', submission.link, submission.link
            )
        # A paid press release is sponsored: labelled so, and its links carry rel="sponsored".
        article = articles.article_create(
            title=submission.title,
            excerpt=html_to_text(body_html)[:EXCERPT_CHARS],
            body_html=body_html,
            status=Article.Status.DRAFT,
            category=category,
            author=author_profile_for(by),
            comments_open=not submission.sponsored,
            sponsored=submission.sponsored,
        )
        revision_create(article=article, by=by, note=f"Created from submission #{submission.pk}")
        submission.article = article
        submission.status = Submission.Status.ACCEPTED
        submission.handled_at = timezone.now()
        submission.handled_by = by
        submission.save(update_fields=["article", "status", "handled_at", "handled_by"])
    return article


def submissions_mark(*, submissions, status: str, by) -> int:
    """Set `status` on every submission of the queryset that is not yet an article."""
    return (
        submissions.filter(article=None)
        .exclude(status=status)
        .update(status=status, handled_at=timezone.now(), handled_by=by)
    )


def contact_message_create(*, data: dict, ip_address: str | None = None) -> ContactMessage:
    """Store a Contact Us message and e-mail it to the site's contact address after commit
    (or, when the task queue is down, once the pending sweep finds it)."""
    message = ContactMessage(**data, ip_address=ip_address or None, notify_pending=True)
    message.full_clean()
    with transaction.atomic():
        message.save()
        enqueue_on_commit("contact_message_notify_task", message.pk)
    return message


def contact_message_notify(*, message: ContactMessage) -> int:
    body = "\n".join(
        [
            f"From: {message.name} <{message.email}>",
            f"Subject: {message.subject}",
            "",
            message.message,
            "",
            "Reply to this e-mail to answer. Stored as: "
            + notify.admin_url("admin:submissions_contactmessage_change", message.pk),
        ]
    )
    return notify.send_to_editors(
        subject=f"Contact: {message.subject}", body=body, reply_to=message.email
    )
