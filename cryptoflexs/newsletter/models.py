from django.db import models
from django.utils import timezone

from cryptoflexs.articles.models import Category


class Subscriber(models.Model):
    """A confirmed newsletter subscriber (a sign-up not yet confirmed is a SignupRequest)."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="+",
        help_text="Stories from these categories (and their sub-categories); none: all.",
    )
    confirmed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]
        indexes = [models.Index(fields=["frequency"], name="subscriber_frequency_idx")]

    def __str__(self):
        return self.email


class DigestDelivery(models.Model):
    """One digest sent to one subscriber for one period: a retried batch skips anyone who
    already has a row, so nobody gets the same digest twice."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    period = models.CharField(max_length=20, help_text="e.g. daily:2026-11-29 or weekly:2026-W48")
    article_ids = models.JSONField(default=list)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "period"], name="digest_once_per_subscriber_period"
            )
        ]

    def __str__(self):
        return f"{self.period} → {self.subscriber}"


class SignupRequest(models.Model):
    """A sign-up waiting for its address to confirm.

    Kept so that the confirmation mail is not lost when the task queue is down (it is sent
    by the pending sweep then) and so that one inbox gets at most
    NEWSLETTER_CONFIRMATIONS_PER_DAY confirmation mails, whoever asks. Deleted when the
    address confirms, or when the confirmation link has expired.
    """

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    frequency = models.CharField(max_length=10, choices=Subscriber.Frequency.choices)
    category_ids = models.JSONField(default=list)
    requested_at = models.DateTimeField(default=timezone.now)
    # Set until the confirmation mail of the latest request has gone out.
    notify_pending = models.BooleanField(default=False)
    mails_sent = models.PositiveIntegerField(
        default=0, help_text="Confirmation mails since mail_window_start."
    )
    mail_window_start = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=models.Q(notify_pending=True),
                name="signup_notify_pending_idx",
            ),
            models.Index(fields=["requested_at"], name="signup_requested_idx"),
        ]

    def __str__(self):
        return self.email
