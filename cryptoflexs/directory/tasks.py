from huey.contrib.djhuey import db_task

from . import services
from .models import Listing


@db_task(retries=5, retry_delay=120)
def listing_notify_task(listing_id: int) -> None:
    """E-mail the editors about one listing sent by the public."""
    listing = Listing.objects.filter(pk=listing_id).first()
    if listing is not None:
        services.listing_notify(listing=listing)
