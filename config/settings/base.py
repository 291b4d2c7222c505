"""Settings shared by every mode; everything that differs comes from the environment.

The embedded default (no variables set) is SQLite in WAL mode and a local-memory cache.
`DATABASE_URL` switches to PostgreSQL and `REDIS_URL` to Redis (the scale-out mode).
"""

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Runtime state of the embedded mode: database, uploads, collected static files.
VAR_DIR = Path(env("CRYPTOFLEXS_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or one kept in VAR_DIR for the embedded mode.

    Production sets SECRET_KEY; a fresh clone gets a random key written once (mode 0600),
    so there is never a default secret shared between installations.
    """
    key = env("SECRET_KEY", default="")
    if key:
        return key
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
# The public address of the site, used where no request is at hand (e-mails, feeds from tasks).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
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
    "cryptoflexs.api",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Background work: Huey. SQLite queue in the embedded mode (consumer started by `make run`),
# Redis for scale-out (consumers started as separate processes; see README). RedisExpireHuey
# gives task locks a TTL, so a killed consumer cannot hold one for ever.
HUEY = {
    "huey_class": "huey.RedisExpireHuey" if REDIS_URL else "huey.SqliteHuey",
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
    # Hashed names need `collectstatic` (make run does it); DEBUG serves the sources as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if env("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Images: uploads above these limits are refused (a "decompression bomb" is a small file
# that unpacks to billions of pixels).
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_RENDITION_WIDTHS = (400, 800, 1200)

# View counts: per-process files in the embedded mode, a Redis hash per day with REDIS_URL.
ANALYTICS_VIEWS_DIR = Path(env("ANALYTICS_VIEWS_DIR", default=str(VAR_DIR / "views")))
# Empty: "<CACHE_KEY_PREFIX>:views".
ANALYTICS_KEY_PREFIX = env("ANALYTICS_KEY_PREFIX", default="")

# Public pages are cached for anonymous readers and made stale at once by any content change.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Editorial settings.
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=12)
READING_WORDS_PER_MINUTE = env.int("READING_WORDS_PER_MINUTE", default=200)
# How long a draft's preview link works (seconds).
PREVIEW_LINK_MAX_AGE = env.int("PREVIEW_LINK_MAX_AGE", default=7 * 24 * 3600)

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
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
