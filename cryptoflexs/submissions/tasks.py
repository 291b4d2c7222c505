from huey.contrib.djhuey import db_task

from cryptoflexs.core import enqueue as queue

from . import services
from .models import ContactMessage, Submission


# Retries cover a mail server that is briefly down; the row is stored either way and stays
# marked pending until its mail has gone out.
@db_task(retries=5, retry_delay=120)
def submission_notify_task(submission_id: int) -> None:
    """E-mail the editors about one new submission, unless that is already done."""
    queue.pending_run(
        Submission.objects,
        submission_id,
        lambda submission: services.submission_notify(submission=submission),
    )


@db_task(retries=5, retry_delay=120)
def contact_message_notify_task(message_id: int) -> None:
    """E-mail one Contact Us message to the site's contact address, unless already done."""
    queue.pending_run(
        ContactMessage.objects,
        message_id,
        lambda message: services.contact_message_notify(message=message),
    )


queue.register(
    submission_notify_task,
    pending=lambda cutoff: queue.pending_since(Submission.objects, cutoff),
)
queue.register(
    contact_message_notify_task,
    pending=lambda cutoff: queue.pending_since(ContactMessage.objects, cutoff),
)
