"""Newsletter: double opt-in sign-up, one-click unsubscribe (RFC 8058) and the digest.

Sign-up mails a signed, expiring link carrying the address and its choices; only following
that link creates the subscriber, so unconfirmed addresses never get a digest. Until then
the sign-up is kept as a SignupRequest: its confirmation mail survives a task queue that is
down (the pending sweep sends it), one inbox gets at most NEWSLETTER_CONFIRMATIONS_PER_DAY
mails, and the row is deleted on confirmation or once its link has expired. The sign-up
answer is the same whether or not the address is known or over its limit.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cryptoflexs.analytics.selectors import popular_article_ids
from cryptoflexs.articles.models import Article, Category
from cryptoflexs.articles.selectors import unique_stories
from cryptoflexs.core.enqueue import enqueue_on_commit
from cryptoflexs.core.models import SiteSettings
from cryptoflexs.core.seo import absolute_url

from .models import DigestDelivery, SignupRequest, Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "cryptoflexs.newsletter.confirm"
UNSUBSCRIBE_SALT = "cryptoflexs.newsletter.unsubscribe"
WINDOWS = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
# Candidates considered per digest before each subscriber's categories are applied.
POOL_SIZE = 300


# Sign-up and confirmation ------------------------------------------------------------------
def confirmation_token(*, email: str, frequency: str, category_ids: list[int]) -> str:
    return signing.dumps(
        {"e": email, "f": frequency, "c": sorted(category_ids)}, salt=CONFIRM_SALT, compress=True
    )


MAIL_WINDOW = dt.timedelta(days=1)


def newsletter_signup(*, email: str, frequency: str, category_ids: list[int]) -> None:
    """Record the sign-up and mail a confirmation link to `email` (after commit, from the
    task queue), unless that inbox already had NEWSLETTER_CONFIRMATIONS_PER_DAY of them.

    Whether the address is new, pending, subscribed or over its limit makes no difference
    to what the caller sees: the mail, if any, goes out in the background.
    """
    email = email.strip().lower()
    if frequency not in Subscriber.Frequency.values:
        raise ValidationError({"frequency": "Choose daily or weekly."})
    now = timezone.now()
    with transaction.atomic():
        request, _ = SignupRequest.objects.get_or_create(
            email=email, defaults={"frequency": frequency}
        )
        # The row lock counts concurrent sign-ups of one address one after the other.
        request = SignupRequest.objects.select_for_update().get(pk=request.pk)
        if request.mail_window_start is None or request.mail_window_start <= now - MAIL_WINDOW:
            request.mail_window_start, request.mails_sent = now, 0
        if request.mails_sent >= settings.NEWSLETTER_CONFIRMATIONS_PER_DAY:
            logger.info("Newsletter: confirmation mail limit reached for one address today")
            request.save(update_fields=["mail_window_start", "mails_sent"])
            return
        request.frequency = frequency
        request.category_ids = sorted(set(category_ids))
        request.requested_at = now
        request.mails_sent += 1
        request.notify_pending = True
        request.save()
        enqueue_on_commit("newsletter_confirmation_task", request.pk)


def confirmation_send(*, signup: SignupRequest) -> None:
    """Mail the confirmation link of a sign-up request."""
    email = signup.email
    token = confirmation_token(
        email=email, frequency=signup.frequency, category_ids=signup.category_ids
    )
    site = SiteSettings.load()
    context = {
        "site": site,
        "confirm_url": absolute_url(reverse("newsletter:confirm", kwargs={"token": token})),
        "frequency": signup.frequency,
        "max_age_days": max(1, settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400),
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your subscription to {site.name}",
        body=render_to_string("newsletter/email/confirm.txt", context),
        to=[email],
    )
    message.send()


def confirmation_data(token: str) -> dict:
    """Return what a confirmation link carries, or raise ValidationError (altered, expired)."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError("This confirmation link has expired; please sign up again.") from exc
    except signing.BadSignature as exc:
        raise ValidationError("This confirmation link is not valid.") from exc


def subscriber_confirm(*, token: str) -> Subscriber:
    """Create or update the subscriber a confirmation link describes.

    Raise ValidationError for a link that was altered, or that expired
    (NEWSLETTER_CONFIRM_MAX_AGE).
    """
    data = confirmation_data(token)
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.update_or_create(
            email=data["e"],
            defaults={"frequency": data["f"], "confirmed_at": timezone.now()},
        )
        subscriber.categories.set(Category.objects.filter(pk__in=data["c"]))
        SignupRequest.objects.filter(email=data["e"]).delete()
    return subscriber


def signup_requests_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the sign-ups whose confirmation link has expired; return how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    # Kept for the mail window too, so that expiring a request never resets an inbox's limit.
    expired = SignupRequest.objects.filter(
        requested_at__lt=cutoff, mail_window_start__lt=now - MAIL_WINDOW
    )
    return expired.delete()[0]


# Unsubscribing -----------------------------------------------------------------------------
def unsubscribe_token(subscriber: Subscriber) -> str:
    # The address is part of the signed value: a link stays tied to that address even if
    # the row is deleted and its id reused.
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = unsubscribe_token(subscriber)
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def unsubscribe_target(token: str) -> dict:
    """Return the signed {"s": id, "e": email} of an unsubscribe link, or raise ValidationError."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise ValidationError("This unsubscribe link is not valid.") from exc


def subscriber_unsubscribe(*, token: str) -> None:
    """Delete the subscriber an unsubscribe link names (nothing is kept); safe to repeat."""
    target = unsubscribe_target(token)
    Subscriber.objects.filter(pk=target["s"], email=target["e"]).delete()


# The digest --------------------------------------------------------------------------------
def digest_period(frequency: str, now: dt.datetime) -> str:
    day = now.astimezone(dt.UTC).date()
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{day.isoformat()}"


def digest_candidates(frequency: str, now: dt.datetime) -> list[Article]:
    """Return the period's published stories, most read first, then newest (each story once)."""
    window = WINDOWS[frequency]
    pool = list(
        Article.objects.published()
        .filter(published_at__gte=now - window, published_at__lte=now)
        .select_related("category", "author")
        .defer("body_html")
        .order_by("-published_at", "-pk")[:POOL_SIZE]
    )
    rank = {pk: n for n, pk in enumerate(popular_article_ids(window.days, POOL_SIZE))}
    pool.sort(key=lambda a: rank.get(a.pk, len(rank)))  # stable: newest first among equals
    return unique_stories(pool, len(pool))


def stories_for(subscriber: Subscriber, candidates: list[Article], limit: int) -> list[Article]:
    paths = [c.path for c in subscriber.categories.all()]
    if not paths:
        return candidates[:limit]
    chosen = [
        a
        for a in candidates
        if any(a.category.path == p or a.category.path.startswith(p + "/") for p in paths)
    ]
    return chosen[:limit]


def digest_message(*, subscriber: Subscriber, articles: list[Article], frequency: str, site):
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        "site": site,
        "articles": [(a, absolute_url(a.get_absolute_url())) for a in articles],
        "frequency": frequency,
        "unsubscribe_url": unsubscribe,
        "home_url": absolute_url("/"),
        "signup_url": absolute_url(reverse("newsletter:signup")),
    }
    list_unsubscribe = f"<{unsubscribe}>"
    if settings.NEWSLETTER_UNSUBSCRIBE_MAILTO:
        list_unsubscribe += (
            f", <mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>"
        )
    message = EmailMultiAlternatives(
        subject=f"{site.name} {frequency} digest: {articles[0].title}",
        body=render_to_string("newsletter/email/digest.txt", context),
        to=[subscriber.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs.
            "List-Unsubscribe": list_unsubscribe,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{site.name} digest <digest.{absolute_url('/').split('/')[2]}>",
        },
    )
    message.attach_alternative(
        render_to_string("newsletter/email/digest.html", context), "text/html"
    )
    return message


def digest_send(*, frequency: str, now: dt.datetime | None = None) -> int:
    """Queue the period's digest for every confirmed subscriber of `frequency`, in batches
    of NEWSLETTER_BATCH_SIZE; return how many subscribers were queued.

    A batch the queue refuses is logged (core.enqueue); running this again for the period
    queues what is missing, and the delivery records keep anyone from getting it twice.
    """
    now = now or timezone.now()
    period = digest_period(frequency, now)
    ids = list(
        Subscriber.objects.filter(frequency=frequency)
        .exclude(deliveries__period=period)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        enqueue_on_commit("newsletter_digest_batch_task", frequency, period, now.isoformat(), batch)
    return len(ids)


def digest_deliver(*, frequency: str, period: str, now: dt.datetime, subscriber_ids: list[int]):
    """Send the digest to each subscriber of the batch who has not had this period's one.

    The delivery row is written in the same transaction as the send: if the SMTP server
    refuses, the row is rolled back and a retry tries again; if it accepts, a retry skips.
    Return (sent, skipped); raise after the batch if any send failed, so that the task
    queue retries the batch.
    """
    candidates = digest_candidates(frequency, now)
    site = SiteSettings.load()
    subscribers = Subscriber.objects.filter(pk__in=subscriber_ids, frequency=frequency)
    sent = skipped = 0
    failures = []
    with get_connection() as connection:
        for subscriber in subscribers.prefetch_related("categories"):
            articles = stories_for(subscriber, candidates, settings.NEWSLETTER_DIGEST_STORIES)
            if not articles:
                skipped += 1
                continue
            try:
                with transaction.atomic():
                    DigestDelivery.objects.create(
                        subscriber=subscriber, period=period, article_ids=[a.pk for a in articles]
                    )
                    message = digest_message(
                        subscriber=subscriber, articles=articles, frequency=frequency, site=site
                    )
                    message.connection = connection
                    message.send()
            except IntegrityError:
                skipped += 1  # already sent for this period (a retry, or a second run)
            except OSError as exc:  # smtplib.SMTPException is an OSError
                logger.warning("Digest to subscriber %s failed: %s", subscriber.pk, exc)
                failures.append(subscriber.pk)
            else:
                sent += 1
    if failures:
        raise RuntimeError(f"{len(failures)} digest(s) could not be sent; the batch will retry")
    return sent, skipped
