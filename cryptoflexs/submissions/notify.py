"""E-mails to the editors about what the public sent (sent by tasks, after commit)."""

import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from cryptoflexs.core.models import SiteSettings

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")


def editors_recipients() -> list[str]:
    """Return EDITORS_EMAIL, or else the contact e-mail of the site settings."""
    if settings.EDITORS_EMAIL:
        return list(settings.EDITORS_EMAIL)
    contact = SiteSettings.load().contact_email
    return [contact] if contact else []


def one_line(text: str, limit: int = 120) -> str:
    """Return `text` fit for a mail header: one line (no header injection), bounded."""
    text = _SPACE.sub(" ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def admin_url(viewname: str, pk: int) -> str:
    return settings.SITE_URL + reverse(viewname, args=[pk])


def send_to_editors(
    *, subject: str, body: str, reply_to: str = "", recipients: list[str] | None = None
) -> int:
    """Send one plain-text message to the editors; return how many were sent (0 or 1)."""
    to = recipients if recipients is not None else editors_recipients()
    if not to:
        logger.warning("No EDITORS_EMAIL or site contact e-mail: not sent: %s", subject)
        return 0
    site = SiteSettings.load().name
    message = EmailMessage(
        subject=f"[{one_line(site, 60)}] {one_line(subject)}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=[reply_to] if reply_to else None,
    )
    return message.send()
