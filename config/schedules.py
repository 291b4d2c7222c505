"""Every periodic schedule of the project, in one place, each with the reason for it.

Tasks import their schedule from here (`@db_periodic_task(schedules.PUBLISH_DUE)`), so an
operator can see at a glance what runs when. In the scale-out mode periodic tasks run in
every consumer started without `--no-periodic`: start exactly one such consumer (README).
"""

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
