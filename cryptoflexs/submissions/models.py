from django.conf import settings
from django.db import models
from django.utils import timezone

from cryptoflexs.articles.models import Article, Category


class Submission(models.Model):
    """A news tip or press release sent through SUBMIT, waiting for an editor."""

    class Kind(models.TextChoices):
        TIP = "tip", "News tip"
        PRESS_RELEASE = "press", "Press release"
        PAID = "paid", "Paid press release (published as Sponsored)"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Turned into an article"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TIP)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text as sent.")
    link = models.URLField(max_length=500, blank=True)
    contact_name = models.CharField(max_length=100)
    contact_email = models.EmailField(max_length=254)
    organisation = models.CharField(max_length=150, blank=True)
    sponsored = models.BooleanField(
        default=False,
        help_text="Paid for: the article is labelled Sponsored and its links carry "
        'rel="sponsored".',
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Category of the draft article (default: the first category).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    article = models.OneToOneField(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
        help_text="The draft article made from this submission.",
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set until the editors' e-mail about it has gone out; the pending sweep (core.enqueue)
    # sends it when the task queue was down at the time.
    notify_pending = models.BooleanField(default=False, editable=False)
    handled_at = models.DateTimeField(null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="submission_status_idx"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(notify_pending=True),
                name="submission_notify_pending_idx",
            ),
        ]

    def __str__(self):
        return self.title


class ContactMessage(models.Model):
    """A message sent through Contact Us (also e-mailed to the site's contact address)."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ANSWERED = "answered", "Answered"
        SPAM = "spam", "Spam"

    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    subject = models.CharField(max_length=150)
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set until the editors' e-mail about it has gone out; the pending sweep (core.enqueue)
    # sends it when the task queue was down at the time.
    notify_pending = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(notify_pending=True),
                name="contact_notify_pending_idx",
            )
        ]

    def __str__(self):
        return f"{self.subject} ({self.name})"
