import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from cryptoflexs.articles.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A reader's comment on an article: plain text, shown once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one answers (replies are one level deep).",
    )
    name = models.CharField(max_length=80)
    # Never shown on the site: for moderation and for recognising returning commenters.
    email = models.EmailField(max_length=254, db_index=True)
    body = models.TextField("text", help_text="Plain text; links become clickable when shown.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)
    # SHA-256 of the random key in the commenter's signed cookie: an approved comment makes
    # that browser, with that e-mail address, trusted (#15: the address alone is no proof).
    author_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_status_idx"),
        ]

    def __str__(self):
        return f"{self.name} on “{self.article}”"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def clean(self):
        if self.parent_id is not None:
            if self.parent.parent_id is not None:
                raise ValidationError({"parent": "Replies are one level deep: answer the comment."})
            if self.parent.article_id != self.article_id:
                raise ValidationError({"parent": "The reply must be on the same article."})


class CommentSettings(models.Model):
    """Moderation switches editors control (one row, edited in the admin)."""

    auto_approve_returning = models.BooleanField(
        "approve returning commenters",
        default=True,
        help_text="Publish at once a comment from an e-mail address that already has an "
        "approved comment. Turn off to moderate every comment.",
    )

    class Meta:
        verbose_name = "comment settings"
        verbose_name_plural = "comment settings"

    def __str__(self):
        return "Comment settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "CommentSettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


def comments_closed(article: Article, *, now: dt.datetime | None = None) -> bool:
    """Return True when `article` takes no more comments (editor's switch or its age)."""
    if not article.comments_open or not article.is_live:
        return True
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and article.published_at:
        return (now or timezone.now()) - article.published_at > dt.timedelta(days=days)
    return False
