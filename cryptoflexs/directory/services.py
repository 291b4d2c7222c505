"""DIRECTORY writes: public submissions (pending until approved) and editors' decisions."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cryptoflexs.core.cache import content_changed
from cryptoflexs.core.enqueue import enqueue_on_commit
from cryptoflexs.submissions import notify

from .models import Listing


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100].strip("-") or "listing"
    slug, n = base, 1
    while Listing.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def listing_submit(*, data: dict, ip_address: str | None = None) -> Listing:
    """Store a listing sent by the public as pending and tell the editors after commit (or,
    when the task queue is down, once the pending sweep finds it)."""
    listing = Listing(
        **data, status=Listing.Status.PENDING, ip_address=ip_address or None, notify_pending=True
    )
    with transaction.atomic():
        listing.slug = _unique_slug(listing.name)
        listing.full_clean()
        listing.save()
        enqueue_on_commit("listing_notify_task", listing.pk)
    return listing


def listing_notify(*, listing: Listing) -> int:
    body = "\n".join(
        [
            f"{listing.get_kind_display()}: {listing.name} ({listing.website})",
            f"Sent by {listing.submitter_name} <{listing.submitter_email}>",
            f"Coins: {listing.coins or '—'}",
            "",
            listing.description,
            "",
            "Review it: " + notify.admin_url("admin:directory_listing_change", listing.pk),
        ]
    )
    return notify.send_to_editors(
        subject=f"New directory listing: {listing.name}",
        body=body,
        reply_to=listing.submitter_email,
    )


def listings_set_status(*, listings, status: str) -> int:
    """Approve or reject the listings of a queryset; approval also marks them checked today."""
    today = timezone.localdate()
    with transaction.atomic():
        changing = listings.exclude(status=status)
        public = (
            status == Listing.Status.APPROVED
            or changing.filter(status=Listing.Status.APPROVED).exists()
        )
        fields = {"status": status, "updated_at": timezone.now()}
        if status == Listing.Status.APPROVED:
            fields["last_checked_at"] = today
        count = changing.update(**fields)
    if count and public:
        transaction.on_commit(content_changed)
    return count
