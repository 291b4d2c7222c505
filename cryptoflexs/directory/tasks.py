from huey.contrib.djhuey import db_task

from cryptoflexs.core import enqueue as queue

from . import services
from .models import Listing


@db_task(retries=5, retry_delay=120)
def listing_notify_task(listing_id: int) -> None:
    """E-mail the editors about one listing sent by the public, unless already done."""
    queue.pending_run(
        Listing.objects, listing_id, lambda listing: services.listing_notify(listing=listing)
    )


queue.register(
    listing_notify_task, pending=lambda cutoff: queue.pending_since(Listing.objects, cutoff)
)
