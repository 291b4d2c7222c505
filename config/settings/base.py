"""Settings shared by every mode; everything that differs comes from the environment.

The embedded default (no variables set) is SQLite in WAL mode and a local-memory cache.
`DATABASE_URL` switches to PostgreSQL and `REDIS_URL` to Redis (the scale-out mode).
"""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from cryptoflexs.core.addresses import listen_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Runtime state of the embedded mode: database, uploads, collected static files.
VAR_DIR = Path(env("CRYPTOFLEXS_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or one kept in VAR_DIR for the embedded mode.

    Production sets SECRET_KEY; a fresh clone gets a random key written once (mode 0600),
    so there is never a default secret shared between installations. The scale-out mode
    refuses to start without it: a key per machine would break form tokens, sessions,
    newsletter links and API cursors whenever a client reaches another machine.
    """
    key = env("SECRET_KEY", default="")
    if key:
        return key
    scale_out = [name for name in ("DATABASE_URL", "REDIS_URL") if env(name, default="")]
    if scale_out:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set, but {' and '.join(scale_out)} is: the scale-out mode "
            "needs one SECRET_KEY, the same on every machine. Set the SECRET_KEY environment "
            "variable (for example to the output of: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the site: every absolute link (canonical, feeds, sitemaps, mails, the
# API) is built from it, never from a request's Host header. Unset, it is where `manage.py
# serve` listens (HOST/PORT; serve passes its own to its children), so `make run PORT=8080`
# links to :8080.
SITE_URL_FROM_ENV = bool(env("SITE_URL", default=""))
SITE_URL = (
    env("SITE_URL", default="")
    or listen_url(env("HOST", default="127.0.0.1"), env("PORT", default="8000"))
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_prose_editor",
    "cryptoflexs.core",
    "cryptoflexs.articles",
    "cryptoflexs.search",
    "cryptoflexs.editorial",
    "cryptoflexs.analytics",
    "cryptoflexs.ingest",
    "cryptoflexs.comments",
    "cryptoflexs.submissions",
    "cryptoflexs.directory",
    "cryptoflexs.newsletter",
    "cryptoflexs.markets",
    "cryptoflexs.api",
    "cryptoflexs.operations",
    "cryptoflexs.demo",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    # First, so that every log line of the request carries its id.
    "cryptoflexs.core.requestid.RequestIdMiddleware",
    "cryptoflexs.operations.middleware.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML, feeds and JSON compressed (no reverse proxy in the embedded mode), ETag and
    # Last-Modified answered with 304; a cached page comes with its gzip form and both
    # validators, which these two then leave as they are.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Above sessions, URL resolution and the views: a cached page costs no database work.
    "cryptoflexs.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cryptoflexs.core.middleware.SecurityHeadersMiddleware",
    "cryptoflexs.articles.middleware.ArticleRedirectFallbackMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cryptoflexs.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL, IMMEDIATE transactions, busy timeout) unless DATABASE_URL is set.
# DEFERRED transactions turn a read-then-write under concurrency into "database is locked".
SQLITE_PATH = Path(env("SQLITE_PATH", default=str(VAR_DIR / "db.sqlite3")))
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=5),
}
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        # A PostgreSQL restart would otherwise break every persistent connection once.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared by every process of the installation, so that invalidation reaches them all.
# A directory in the embedded mode (web workers and the task consumer are separate
# processes, so local memory would not do), Redis when REDIS_URL is set.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cryptoflexs.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cryptoflexs"),
            # Fail fast when Redis is down: the page is served without the cache.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            # A full or read-only disk is a cache miss there, never a 500 (#15).
            "BACKEND": "cryptoflexs.core.cache.ResilientFileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Background work: Huey. SQLite queue in the embedded mode (consumer started by `make run`),
# Redis for scale-out (consumers started as separate processes; see README). RedisExpireHuey
# gives task locks a TTL, so a killed consumer cannot hold one for ever.
HUEY = {
    # Huey's classes, carrying the request id into the tasks a request enqueues.
    "huey_class": "cryptoflexs.core.queue.RedisExpireHuey"
    if REDIS_URL
    else "cryptoflexs.core.queue.SqliteHuey",
    "name": env("HUEY_NAME", default="cryptoflexs"),
    # Never inline by default, not even with DEBUG (run_huey refuses to start otherwise).
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "results": False,
    "utc": True,
    "connection": (
        {"url": env("HUEY_REDIS_URL", default=REDIS_URL)}
        if REDIS_URL
        else {"filename": env("HUEY_SQLITE_PATH", default=str(VAR_DIR / "huey.sqlite3"))}
    ),
    "consumer": {
        "workers": env.int("HUEY_WORKERS", default=2),
        "worker_type": "thread",
        "max_delay": 1.0,
        "check_worker_health": True,
        "periodic": True,
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="en-us")
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# The embedded mode serves uploads itself; behind a proxy or a CDN, turn this off.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "cryptoflexs.core.storage.SafeFileSystemStorage"},
    # Hashed names need `collectstatic` (make run does it); DEBUG serves the sources as they
    # are. Without DEBUG, a file not collected yet falls back to its plain name.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "cryptoflexs.core.staticfiles.ManifestStaticFilesStorage"
    },
}
# The fallback's plain names are served from the source folders; hashed names exist only in
# STATIC_ROOT, which WhiteNoise serves as before.
WHITENOISE_USE_FINDERS = True

# HTTPS: all off by default (the embedded mode serves plain HTTP on loopback);
# config/settings/production.py turns them on, each can be set from the environment.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Load balancers probe these over plain HTTP on the private network: never redirect them.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$", r"^metrics$"]
# Set (to anything) when a proxy terminates TLS and sends X-Forwarded-Proto; never without
# one: a client could then claim HTTPS.
if env("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Images: uploads above these limits are refused (a "decompression bomb" is a small file
# that unpacks to billions of pixels).
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
# 200: the sidebar's and a phone's list thumbnails (a 16:9 image cropped to fill them).
IMAGE_RENDITION_WIDTHS = (200, 400, 800, 1200)

# View counts: per-process files in the embedded mode, a Redis hash per day with REDIS_URL.
ANALYTICS_VIEWS_DIR = Path(env("ANALYTICS_VIEWS_DIR", default=str(VAR_DIR / "views")))
# Views wait this many seconds in the web process's memory before going there (0: at once).
ANALYTICS_BUFFER_SECONDS = env.float("ANALYTICS_BUFFER_SECONDS", default=5.0)
# Empty: "<CACHE_KEY_PREFIX>:views".
ANALYTICS_KEY_PREFIX = env("ANALYTICS_KEY_PREFIX", default="")

# Public pages are cached for anonymous readers and made stale at once by any content change.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# /health/ reports "degraded" when the disk of VAR_DIR or MEDIA_ROOT has less free space.
HEALTH_DISK_MIN_FREE_MB = env.int("HEALTH_DISK_MIN_FREE_MB", default=100)
# Each web process also keeps the pages it served last in its own memory, up to this size,
# so that a hit does not read the page from the shared cache (Redis or files).
PAGE_CACHE_MEMORY_BYTES = env.int("PAGE_CACHE_MEMORY_BYTES", default=32 * 1024 * 1024)

# Editorial settings.
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=12)
READING_WORDS_PER_MINUTE = env.int("READING_WORDS_PER_MINUTE", default=200)
# How long a draft's preview link works (seconds).
PREVIEW_LINK_MAX_AGE = env.int("PREVIEW_LINK_MAX_AGE", default=7 * 24 * 3600)

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
# json (one object a line, for log shippers) or plain (for reading on a terminal).
LOG_FORMAT = env("LOG_FORMAT", default="json")
# Behind a proxy that sets a request id, the META key it arrives in (for example
# HTTP_X_REQUEST_ID); empty: every request gets a fresh id. Only with such a proxy: clients
# could otherwise choose the id written into the logs.
REQUEST_ID_HEADER = env("REQUEST_ID_HEADER", default="")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cryptoflexs.core.requestid.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "cryptoflexs.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # With a handler of its own configured here, run_huey adds no second one.
        "huey": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}

# The administrator `manage.py bootstrap` (run by `make run`) creates when none exists.
INITIAL_ADMIN_USERNAME = env("INITIAL_ADMIN_USERNAME", default="admin")
INITIAL_ADMIN_PASSWORD = env("INITIAL_ADMIN_PASSWORD", default="")

# Outbound HTTP (feeds, imported images): loopback and private addresses are refused unless
# this is on (tests, intranet feeds). Every fetch has a total deadline and a size cap.
INGEST_ALLOW_PRIVATE_NETWORKS = env.bool("INGEST_ALLOW_PRIVATE_NETWORKS", default=False)
HTTP_USER_AGENT = env(
    "HTTP_USER_AGENT",
    default="CryptoFlexsBot/0.1 (+https://github.com/cryptoflexs; news aggregator)",
)

# Distribution (issue 7): feeds, sitemaps, metadata, newsletter and the public API.
# contrib.sitemaps for its templates; ninja so that its docs page serves Swagger UI from our
# own static files (without it in INSTALLED_APPS, ninja loads it from a CDN, which the CSP
# forbids).
INSTALLED_APPS += ["django.contrib.sitemaps", "ninja"]
MIDDLEWARE += ["cryptoflexs.api.middleware.ApiMiddleware"]
# Feeds carry each article's whole body when on, else its excerpt (the site setting lives
# here rather than on SiteSettings: it is an operator's choice, rarely changed).
FEEDS_FULL_CONTENT = env.bool("FEEDS_FULL_CONTENT", default=False)
FEEDS_ITEMS = env.int("FEEDS_ITEMS", default=30)
# The publisher's name in the Google News sitemap and JSON-LD; empty: the site name.
PUBLISHER_NAME = env("PUBLISHER_NAME", default="")
# A raster logo (Google requires one for NewsArticle publishers), a static path or a URL.
PUBLISHER_LOGO = env("PUBLISHER_LOGO", default="img/logo.png")
# Newsletter: confirmation links expire after this many seconds; digests go out in batches.
NEWSLETTER_CONFIRM_MAX_AGE = env.int("NEWSLETTER_CONFIRM_MAX_AGE", default=3 * 24 * 3600)
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=200)
NEWSLETTER_DIGEST_STORIES = env.int("NEWSLETTER_DIGEST_STORIES", default=8)
# Optional mailto: unsubscribe address, listed beside the https one-click link (RFC 8058).
NEWSLETTER_UNSUBSCRIBE_MAILTO = env("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
# Public API: requests per client IP per minute (429 with Retry-After beyond it).
API_RATE_LIMIT = env.int("API_RATE_LIMIT", default=120)
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=20)

# Community (comments, SUBMIT, DIRECTORY, Contact Us) and their spam defences.
# Comments close this many days after publication (0: never by age; editors can still close
# an article's comments with its switch). Comment text is plain text up to this length.
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=30)
COMMENTS_MAX_LENGTH = env.int("COMMENTS_MAX_LENGTH", default=3000)
# At most this many approved comments are shown under an article (oldest first).
COMMENTS_MAX_SHOWN = env.int("COMMENTS_MAX_SHOWN", default=500)
DIRECTORY_PER_PAGE = env.int("DIRECTORY_PER_PAGE", default=20)
# Public forms: a post sooner than MIN_FILL_SECONDS after the form was served is refused
# (bots fill forms at once), a form older than MAX_FORM_AGE must be reloaded; at most
# MAX_LINKS links per post; RATE_LIMIT posts per client address and form ("posts/seconds",
# "0/…" turns it off). Blocklists are comma-separated, matched case-insensitively (words as
# whole words, domains with their subdomains, in text, links and e-mail addresses).
ANTISPAM_MIN_FILL_SECONDS = env.int("ANTISPAM_MIN_FILL_SECONDS", default=3)
ANTISPAM_MAX_FORM_AGE = env.int("ANTISPAM_MAX_FORM_AGE", default=24 * 3600)
ANTISPAM_MAX_LINKS = env.int("ANTISPAM_MAX_LINKS", default=3)
ANTISPAM_RATE_LIMIT = env("ANTISPAM_RATE_LIMIT", default="5/600")
ANTISPAM_BLOCKED_WORDS = env.list("ANTISPAM_BLOCKED_WORDS", default=[])
ANTISPAM_BLOCKED_DOMAINS = env.list("ANTISPAM_BLOCKED_DOMAINS", default=[])
# Behind a reverse proxy, the META key holding the client address it adds (for example
# HTTP_X_FORWARDED_FOR); empty: REMOTE_ADDR. Never set it without such a proxy: clients could
# then choose their own address and escape the rate limit.
ANTISPAM_CLIENT_IP_HEADER = env("ANTISPAM_CLIENT_IP_HEADER", default="")

# E-mail: EMAIL_URL chooses the backend. smtp://user:password@host:587 (smtp+tls://,
# smtp+ssl://), consolemail:// (the embedded default: messages printed by the worker) or
# filemail:///path/to/dir (one file per message; filemail:// alone writes to var/mail).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
if EMAIL_BACKEND.endswith("filebased.EmailBackend"):  # noqa: F821
    # django-environ drops the leading "/" of filemail:///abs/dir (so mail went under the
    # working directory, #15); read the path ourselves: absolute as given, else in VAR_DIR.
    _mail_url = urlsplit(env("EMAIL_URL"))
    _mail_dir = unquote(_mail_url.netloc + _mail_url.path)
    EMAIL_FILE_PATH = str(VAR_DIR / (_mail_dir or "mail"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Crypto Flexs <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Who is told about new submissions, listings and contact messages (comma-separated); empty:
# the contact e-mail of the site settings.
EDITORS_EMAIL = env.list("EDITORS_EMAIL", default=[])

# Aggregation (cryptoflexs.ingest): limits of one feed fetch, politeness and de-duplication.
# A fetch gives up after INGEST_FETCH_DEADLINE seconds in total and refuses bodies larger than
# INGEST_MAX_FEED_BYTES once decoded (gzip bombs), following at most INGEST_MAX_REDIRECTS.
INGEST_FETCH_DEADLINE = env.float("INGEST_FETCH_DEADLINE", default=20.0)
INGEST_MAX_FEED_BYTES = env.int("INGEST_MAX_FEED_BYTES", default=5 * 1024 * 1024)
INGEST_MAX_REDIRECTS = env.int("INGEST_MAX_REDIRECTS", default=5)
# At most this many entries are taken from one fetch (newest first).
INGEST_MAX_ENTRIES = env.int("INGEST_MAX_ENTRIES", default=200)
# Failing sources back off exponentially from their poll interval up to this (seconds);
# a Retry-After longer than INGEST_RETRY_AFTER_MAX_SECONDS is capped to it.
INGEST_BACKOFF_MAX_SECONDS = env.int("INGEST_BACKOFF_MAX_SECONDS", default=24 * 3600)
INGEST_RETRY_AFTER_MAX_SECONDS = env.int("INGEST_RETRY_AFTER_MAX_SECONDS", default=24 * 3600)
# How long a worker's claim on a source lasts (a killed worker's claim expires then).
INGEST_LEASE_SECONDS = env.int("INGEST_LEASE_SECONDS", default=600)
# Entries of other outlets published within this many hours are near-duplicate candidates.
INGEST_DEDUP_WINDOW_HOURS = env.float("INGEST_DEDUP_WINDOW_HOURS", default=72.0)
# Processes that parse, clean and classify feeds while the main one stores (ingest with
# several sources). 0: all in one process.
INGEST_WORKERS = env.int("INGEST_WORKERS", default=1 if (os.cpu_count() or 1) >= 2 else 0)
# The category model (manage.py train_classifier) lives here, one file per version.
CLASSIFIER_DIR = Path(env("CLASSIFIER_DIR", default=str(VAR_DIR / "classifier")))
# The categories (paths) the classifier chooses among: the subjects outlets file news under.
# An editor who wants ingested news in others (e.g. regulation, exchange) adds them here
# and labels some articles, then trains again.
CLASSIFIER_CATEGORIES = env.list(
    "CLASSIFIER_CATEGORIES",
    default=[
        "crypto/bitcoin",
        "crypto/ethereum",
        "crypto/altcoin",
        "blockchain",
        "defi",
        "nft",
    ],
)

# Search (cryptoflexs/search). Related posts are chosen once per article and edit, then
# kept this many seconds: new articles join other articles' recommendations at most this late
# (an unpublished one drops out at once).
SEARCH_RELATED_CACHE_SECONDS = env.int("SEARCH_RELATED_CACHE_SECONDS", default=6 * 3600)
# Sign-ups accepted per client address per hour (each one mails a confirmation link).
NEWSLETTER_SIGNUPS_PER_HOUR = env.int("NEWSLETTER_SIGNUPS_PER_HOUR", default=10)
# Confirmation mails one address receives per day at most, whoever signs it up (#15).
NEWSLETTER_CONFIRMATIONS_PER_DAY = env.int("NEWSLETTER_CONFIRMATIONS_PER_DAY", default=3)

# Operations (cryptoflexs/operations): backups, admin login throttling, readiness, metrics.
# `manage.py backup` writes to BACKUP_DIR; the daily backup task keeps the newest BACKUP_KEEP
# there (0 turns the task off).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=7)
# Admin logins: after this many failures within LOGIN_LOCKOUT_SECONDS for one account, or
# from one client address (ANTISPAM_CLIENT_IP_HEADER rule), logins are refused, even with
# the right password, until LOGIN_LOCKOUT_SECONDS pass or an administrator unlocks.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# /ready/ reports "warn" (still 200) when the queue lags or ingest/prices are older than these.
READY_MAX_QUEUE_LAG_SECONDS = env.int("READY_MAX_QUEUE_LAG_SECONDS", default=300)
READY_MAX_INGEST_AGE_SECONDS = env.int("READY_MAX_INGEST_AGE_SECONDS", default=6 * 3600)
# Prometheus /metrics: off unless METRICS_ENABLED, and only for clients in METRICS_ALLOWED_IPS
# (addresses or networks; the ANTISPAM_CLIENT_IP_HEADER rule finds the client).
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=False)
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])

# Markets (cryptoflexs/markets): prices from MARKET_DATA_PROVIDER ("coingecko", "binance" or
# "off": then only demo prices). MARKET_DATA_API_KEY is optional (CoinGecko: a Demo key, or
# a paid one with MARKET_DATA_API_PLAN=pro; Binance: sent as X-MBX-APIKEY);
# MARKET_DATA_BASE_URL replaces the provider's address (a proxy, or the tests' server).
MARKET_DATA_PROVIDER = env("MARKET_DATA_PROVIDER", default="coingecko")
MARKET_DATA_API_KEY = env("MARKET_DATA_API_KEY", default="")
MARKET_DATA_API_PLAN = env("MARKET_DATA_API_PLAN", default="demo")
MARKET_DATA_BASE_URL = env("MARKET_DATA_BASE_URL", default="")
# The ticker's coins are refreshed every this many minutes (a divisor of 60), every coin
# hourly with the history of MARKETS_HISTORY_COINS_PER_RUN coins that need it.
MARKETS_SPOT_EVERY_MINUTES = env.int("MARKETS_SPOT_EVERY_MINUTES", default=1)
MARKETS_HISTORY_COINS_PER_RUN = env.int("MARKETS_HISTORY_COINS_PER_RUN", default=10)
# A price older than this is shown as out of date (with its time).
MARKETS_STALE_AFTER_SECONDS = env.int("MARKETS_STALE_AFTER_SECONDS", default=600)
# Each provider request: total deadline, size cap, retries of network errors and 5xx
# (exponential backoff with jitter from MARKETS_RETRY_BACKOFF_SECONDS; a Retry-After up to
# MARKETS_RETRY_INLINE_MAX_SECONDS is waited for, a longer one ends the run).
MARKETS_HTTP_DEADLINE = env.float("MARKETS_HTTP_DEADLINE", default=10.0)
MARKETS_MAX_RESPONSE_BYTES = env.int("MARKETS_MAX_RESPONSE_BYTES", default=2 * 1024 * 1024)
MARKETS_HTTP_RETRIES = env.int("MARKETS_HTTP_RETRIES", default=2)
MARKETS_RETRY_BACKOFF_SECONDS = env.float("MARKETS_RETRY_BACKOFF_SECONDS", default=1.0)
MARKETS_RETRY_INLINE_MAX_SECONDS = env.float("MARKETS_RETRY_INLINE_MAX_SECONDS", default=5.0)
# After a failed run nobody asks the provider again for 1, 2, 4 … minutes (with jitter) up
# to MARKETS_BACKOFF_MAX_SECONDS, or for as long as its Retry-After says (capped).
MARKETS_BACKOFF_MAX_SECONDS = env.int("MARKETS_BACKOFF_MAX_SECONDS", default=3600)
MARKETS_RETRY_AFTER_MAX_SECONDS = env.int("MARKETS_RETRY_AFTER_MAX_SECONDS", default=3600)
# Retention: spot prices (one per refresh) for this many hours, hourly candles for this many
# days (then folded into daily candles, which are kept).
MARKETS_POINT_RETENTION_HOURS = env.int("MARKETS_POINT_RETENTION_HOURS", default=48)
MARKETS_HOURLY_RETENTION_DAYS = env.int("MARKETS_HOURLY_RETENTION_DAYS", default=90)
# The price at publication is the last price known then, if it is at most this old.
MARKETS_PUBLICATION_PRICE_MAX_AGE = env.int("MARKETS_PUBLICATION_PRICE_MAX_AGE", default=3600)
# How often a process checks whether coins were edited (it rebuilds its registry then).
MARKETS_REGISTRY_CHECK_SECONDS = env.float("MARKETS_REGISTRY_CHECK_SECONDS", default=5.0)
# The ticker bar asks for new prices this often while the page is open (0: never).
MARKETS_TICKER_POLL_SECONDS = env.int("MARKETS_TICKER_POLL_SECONDS", default=60)
