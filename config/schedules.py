"""Every periodic schedule of the project, in one place, each with the reason for it.

Tasks import their schedule from here (`@db_periodic_task(schedules.PUBLISH_DUE)`), so an
operator can see at a glance what runs when. In the scale-out mode periodic tasks run in
every consumer started without `--no-periodic`: start exactly one such consumer (README).
"""

from django.conf import settings
from huey import crontab

# Scheduled articles get their own task at their publication time; this sweep is the safety
# net for tasks lost while every worker was down, so nothing is ever more than a minute late
# once a worker runs again.
PUBLISH_DUE = crontab(minute="*")

# Page views wait in Redis or in small files until this flush adds them to ArticleViewDay
# (analytics.views_flush_task). Every minute keeps each flush small and the Most Popular list
# and the admin chart at most a minute behind; a missed run only delays counts, never loses
# them, because pending counts are deleted only after they are stored.
VIEWS_FLUSH = crontab(minute="*")

# Feed ingestion: every minute the due sources (next_fetch_at passed, each source's own poll
# interval and backoff decide when) are queued, one task each. A claim in the database (a
# lease on the source row) keeps two workers from fetching one source at once, and the
# lease of a killed worker expires, so a missed or doubled run neither loses nor repeats.
INGEST_DUE = crontab(minute="*")

# Newsletter digests (newsletter.tasks): the daily one early in the morning (UTC) with the
# previous day's top stories, the weekly one on Monday. Each run only enqueues batches;
# a delivery record per subscriber and period makes a re-run or a retry send nothing twice.
NEWSLETTER_DAILY = crontab(minute="0", hour="6")
NEWSLETTER_WEEKLY = crontab(minute="30", hour="6", day_of_week="1")

# Sign-ups that were never confirmed are deleted once their link has expired
# (NEWSLETTER_CONFIRM_MAX_AGE): hourly keeps unconfirmed addresses at most an hour longer.
NEWSLETTER_SIGNUPS_EXPIRE = crontab(minute="17")

# Work whose enqueue failed (the queue was down: Redis stopped, a full disk under the SQLite
# queue) stays marked pending on its row: editors' notifications of submissions, listings
# and contact messages, newsletter confirmation mails (cryptoflexs.core.enqueue). Every five
# minutes is soon enough for a mail and cheap (one indexed query per kind); rows younger
# than five minutes are left to their own enqueue.
PENDING_SWEEP = crontab(minute="*/5")

# Operations: a heartbeat each minute, so /ready/ can tell how far behind the queue is (a
# heartbeat due at the minute's start and run N seconds later means N seconds of lag).
QUEUE_HEARTBEAT = crontab(minute="*")

# The daily backup (operations.backup_task) at a quiet hour (UTC), keeping BACKUP_KEEP of
# them in BACKUP_DIR. A backup is consistent while the site runs (SQLite online backup,
# pg_dump's snapshot), so no downtime is needed; a missed night is simply taken the next.
BACKUP = crontab(minute="30", hour="3")

# Markets (markets.tasks). The ticker's coins every MARKETS_SPOT_EVERY_MINUTES (one light
# request), then the sweep that records prices at publication the publish hook missed.
# Every hour (at :07, away from the top of the hour when everyone asks) all coins' prices
# in one request and the history of a few coins that need it. A provider that failed is
# left alone until its backoff or Retry-After has passed, whichever task comes first; a
# missed run only means older prices, shown with their time.
MARKETS_SPOT = crontab(minute=f"*/{settings.MARKETS_SPOT_EVERY_MINUTES}")
MARKETS_HOURLY = crontab(minute="7")
# Old spot points dropped, old hourly candles folded into daily ones: once a night.
MARKETS_RETENTION = crontab(minute="23", hour="3")
