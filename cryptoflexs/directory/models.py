from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cryptoflexs.core.fields import ImageField


class ListingQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Listing.Status.APPROVED)

    def search(self, query: str):
        """Listings whose name, description or coins contain the query's words (each word)."""
        qs = self
        for word in query.split()[:8]:
            qs = qs.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(coins__icontains=word)
            )
        return qs


class Listing(models.Model):
    """An exchange, wallet, project or service in the DIRECTORY."""

    class Kind(models.TextChoices):
        EXCHANGE = "exchange", "Exchange"
        WALLET = "wallet", "Wallet"
        PROJECT = "project", "Project"
        SERVICE = "service", "Service"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=110, unique=True)
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    website = models.URLField(max_length=300)
    description = models.TextField(help_text="Plain text; links become clickable.")
    logo = ImageField(
        upload_to="directory/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        help_text="Square, at least 128 × 128 pixels.",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    coins = models.CharField(
        "coins supported",
        max_length=500,
        blank=True,
        help_text="Tickers separated by commas, e.g. BTC, ETH, SOL.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    verified_at = models.DateField(
        "verified on", null=True, blank=True, help_text="When an editor verified the listing."
    )
    last_checked_at = models.DateField(
        "last checked on", null=True, blank=True, help_text="When the details were last checked."
    )
    submitter_name = models.CharField(max_length=100, blank=True)
    submitter_email = models.EmailField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Set until the editors' e-mail about it has gone out; the pending sweep (core.enqueue)
    # sends it when the task queue was down at the time.
    notify_pending = models.BooleanField(default=False, editable=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["status", "kind", "name"], name="listing_browse_idx"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(notify_pending=True),
                name="listing_notify_pending_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:detail", kwargs={"slug": self.slug})

    @property
    def coin_list(self) -> list[str]:
        return [c.strip() for c in self.coins.split(",") if c.strip()]
