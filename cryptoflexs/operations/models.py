from django.conf import settings
from django.db import models
from django.utils import timezone

from cryptoflexs.ingest.models import Source


class LoginLockoutQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(unlocked_at__isnull=True, locked_until__gt=now or timezone.now())


class LoginLockout(models.Model):
    """Logins refused for an account or a client address after too many failures."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", "Account"
        ADDRESS = "address", "Client address"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(
        max_length=254, help_text="The user name (as typed, lower-cased) or the client address."
    )
    failures = models.PositiveIntegerField(help_text="Failed logins that caused the lockout.")
    address = models.CharField(
        max_length=64, blank=True, help_text="Client address of the last failed login."
    )
    locked_at = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField()
    unlocked_at = models.DateTimeField(null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LoginLockoutQuerySet.as_manager()

    class Meta:
        ordering = ["-locked_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "value", "locked_until"], name="lockout_lookup_idx")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value}"

    @property
    def is_active(self) -> bool:
        return self.unlocked_at is None and self.locked_until > timezone.now()


class SourceHealth(Source):
    """The ingestion-health pages in the admin (a view of the ingest sources)."""

    class Meta:
        proxy = True
        verbose_name = "ingestion health"
        verbose_name_plural = "ingestion health"
