"""Settings for the test suite: the same code paths, faster hashing, nothing written to var/."""

import os
import tempfile
from pathlib import Path

# The scale-out mode refuses to start without SECRET_KEY (base.py); a test run, and the
# processes it starts, may use a throw-away one.
os.environ.setdefault("SECRET_KEY", "insecure-key-for-the-test-suite-only")

from .base import *  # noqa: E402, F403
from .base import DATABASES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="cryptoflexs-test-media-")
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="cryptoflexs-test-static-"))
ANALYTICS_VIEWS_DIR = Path(tempfile.mkdtemp(prefix="cryptoflexs-test-views-"))
INGEST_WORKERS = 0  # one process (tests of the worker path ask for one explicitly)
CLASSIFIER_DIR = Path(tempfile.mkdtemp(prefix="cryptoflexs-test-classifier-"))
STORAGES = {
    "default": {"BACKEND": "cryptoflexs.core.storage.SafeFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that WAL and IMMEDIATE transactions are exercised as in production.
    DATABASES["default"]["TEST"] = {
        "NAME": f"{tempfile.gettempdir()}/cryptoflexs-test-{os.getpid()}.sqlite3",
    }

# Tasks run inline when enqueued (after commit); the tests that need a real consumer start
# one in a subprocess with the base settings.
HUEY = {**HUEY, "immediate": True}  # noqa: F405
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"cryptoflexs-test-{os.getpid()}",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cryptoflexs.core.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"cftest{os.getpid()}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# Views stay in memory until a flush the test runs (the buffer's own tests shorten this).
ANALYTICS_BUFFER_SECONDS = 3600.0
# Most tests look at how a page is built; the page-cache tests turn caching on themselves.
PAGE_CACHE_SECONDS = 0

# Coin edits reach the registry at once; provider retries do not wait.
MARKETS_REGISTRY_CHECK_SECONDS = 0
MARKETS_RETRY_BACKOFF_SECONDS = 0
