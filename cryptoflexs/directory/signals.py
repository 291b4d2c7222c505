"""Cache invalidation only: directory pages change when an approved listing does."""

from cryptoflexs.core.cache import invalidate_on_public_change

from .models import Listing


def connect() -> None:
    invalidate_on_public_change(Listing, Listing.Status.APPROVED, "Listing")
