"""Production: HTTPS everywhere, secure cookies, HSTS, and no start without a secret key.

`DJANGO_SETTINGS_MODULE=config.settings.production`. Everything else comes from the
environment as in base.py; the defaults below are production's, each still settable
(README: "Operating it"). With them, `manage.py check --deploy --fail-level WARNING`
passes once SECRET_KEY and ALLOWED_HOSTS are set.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

if not env("SECRET_KEY", default=""):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in production (50+ random characters, the same on every "
        "machine of the site); e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

DEBUG = env.bool("DEBUG", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# One year, subdomains included, preload-ready: browsers then refuse plain HTTP for the
# domain. Lower SECURE_HSTS_SECONDS (e.g. 3600) while trying HTTPS out; it cannot be taken
# back from browsers that saw it.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
