from huey.contrib.djhuey import db_task

from . import services
from .models import ContactMessage, Submission


# Retries cover a mail server that is briefly down; the message is stored either way.
@db_task(retries=5, retry_delay=120)
def submission_notify_task(submission_id: int) -> None:
    """E-mail the editors about one new submission."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is not None:
        services.submission_notify(submission=submission)


@db_task(retries=5, retry_delay=120)
def contact_message_notify_task(message_id: int) -> None:
    """E-mail one Contact Us message to the site's contact address."""
    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is not None:
        services.contact_message_notify(message=message)
