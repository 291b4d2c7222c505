"""Admin login throttling, per account and per client address.

Failures are counted in the shared cache (add + incr: atomic across processes) within a
window of LOGIN_LOCKOUT_SECONDS. The failure that reaches the limit writes a LoginLockout
row: from then on the login form refuses that account or address, right password or not,
until the lockout ends or an administrator unlocks it in the admin (Operations › Login
lockouts). The lockout lives in the database, so a cache outage or flush cannot lift it.
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from cryptoflexs.core.antispam import client_ip

from .models import LoginLockout

logger = logging.getLogger(__name__)


def _subjects(username: str, address: str) -> list[tuple[str, str, int]]:
    subjects = []
    if username:
        subjects.append((LoginLockout.Kind.ACCOUNT, username, settings.LOGIN_FAILURES_PER_ACCOUNT))
    if address:
        subjects.append((LoginLockout.Kind.ADDRESS, address, settings.LOGIN_FAILURES_PER_ADDRESS))
    return [(kind, value, limit) for kind, value, limit in subjects if limit > 0]


def normalise(username: str | None) -> str:
    # "Admin" and "admin " are the same guess for an attacker.
    return (username or "").strip().casefold()[:254]


def _key(kind: str, value: str) -> str:
    return f"login-failures:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def lockout_for(*, username: str | None, address: str) -> LoginLockout | None:
    """Return the active lockout that stops this login, or None."""
    subjects = _subjects(normalise(username), address)
    if not subjects:
        return None
    found = None
    for kind, value, _limit in subjects:
        lockout = LoginLockout.objects.active().filter(kind=kind, value=value).first()
        if lockout and (found is None or lockout.locked_until > found.locked_until):
            found = lockout
    return found


def _count(key: str) -> int | None:
    window = settings.LOGIN_LOCKOUT_SECONDS
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr(), or the cache is unreachable
        if cache.add(key, 1, window):
            return 1
        logger.warning("login throttling: cannot count failures (cache unavailable)")
        return None


def login_failed(*, username: str | None, address: str) -> list[LoginLockout]:
    """Count one failed login; return the lockouts it started (usually none)."""
    started = []
    now = timezone.now()
    for kind, value, limit in _subjects(normalise(username), address):
        count = _count(_key(kind, value))
        if count is None or count < limit:
            continue
        cache.delete(_key(kind, value))
        if LoginLockout.objects.active(now).filter(kind=kind, value=value).exists():
            continue
        lockout = LoginLockout.objects.create(
            kind=kind,
            value=value,
            failures=count,
            address=address,
            locked_at=now,
            locked_until=now + dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS),
        )
        logger.warning(
            "admin login locked: %s %r after %d failed logins (last from %s) until %s",
            kind, value, count, address, lockout.locked_until.isoformat(),
            extra={"event": "login_lockout", "lockout_kind": kind, "client_ip": address},
        )  # fmt: skip
        started.append(lockout)
    return started


def login_succeeded(*, username: str | None) -> None:
    """Forget the account's earlier failures (the address keeps its count)."""
    name = normalise(username)
    if name:
        cache.delete(_key(LoginLockout.Kind.ACCOUNT, name))


def lockouts_release(*, lockouts, by) -> int:
    """Unlock `lockouts` now (an administrator's action); return how many were active."""
    count = 0
    now = timezone.now()
    for lockout in lockouts:
        if lockout.is_active:
            count += 1
        cache.delete(_key(lockout.kind, lockout.value))
        LoginLockout.objects.filter(pk=lockout.pk, unlocked_at__isnull=True).update(
            unlocked_at=now, unlocked_by=by
        )
        logger.info(
            "admin login unlocked: %s %r by %s", lockout.kind, lockout.value, by,
            extra={"event": "login_unlock"},
        )  # fmt: skip
    return count


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Receiver of Django's user_login_failed (every failed authenticate() with a request)."""
    if request is not None:
        login_failed(username=credentials.get("username"), address=client_ip(request))


def on_logged_in(sender, request, user, **kwargs) -> None:
    login_succeeded(username=user.get_username())
