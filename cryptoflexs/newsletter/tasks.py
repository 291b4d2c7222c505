import datetime as dt

from huey.contrib.djhuey import db_periodic_task, db_task

from config import schedules
from cryptoflexs.core import enqueue as queue

from . import services
from .models import SignupRequest


@db_task(retries=3, retry_delay=60)
def newsletter_confirmation_task(request_id: int) -> None:
    """Mail a sign-up's confirmation link, unless it has gone out already."""
    queue.pending_run(
        SignupRequest.objects,
        request_id,
        lambda signup: services.confirmation_send(signup=signup),
    )


@db_task(retries=5, retry_delay=300)
def newsletter_digest_batch_task(
    frequency: str, period: str, now: str, subscriber_ids: list[int]
) -> None:
    """Send one batch of a digest; a retry skips whoever already has it."""
    services.digest_deliver(
        frequency=frequency,
        period=period,
        now=dt.datetime.fromisoformat(now),
        subscriber_ids=subscriber_ids,
    )


@db_periodic_task(schedules.NEWSLETTER_DAILY)
def newsletter_daily_task() -> None:
    services.digest_send(frequency="daily")


@db_periodic_task(schedules.NEWSLETTER_WEEKLY)
def newsletter_weekly_task() -> None:
    services.digest_send(frequency="weekly")


@db_periodic_task(schedules.NEWSLETTER_SIGNUPS_EXPIRE)
def newsletter_signups_expire_task() -> None:
    services.signup_requests_expire()


queue.register(
    newsletter_confirmation_task,
    pending=lambda cutoff: queue.pending_since(SignupRequest.objects, cutoff, at="requested_at"),
)
queue.register(newsletter_digest_batch_task)
