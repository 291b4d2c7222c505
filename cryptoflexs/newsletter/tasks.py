import datetime as dt

from huey.contrib.djhuey import db_periodic_task, db_task

from config import schedules

from . import services


@db_task(retries=3, retry_delay=60)
def newsletter_confirmation_task(email: str, frequency: str, category_ids: list[int]) -> None:
    """Mail a sign-up's confirmation link."""
    services.confirmation_send(email=email, frequency=frequency, category_ids=category_ids)


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
