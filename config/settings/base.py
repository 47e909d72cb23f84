"""Settings shared by every mode, read from the environment.

Every variable has a safe local default except where production overrides
it (config.settings.production has no default secret). README.md lists them.
Four groups live in modules of their own and are imported here whole:
sign-in (``accounts``), the forum's limits and moderation's thresholds
(``forum``), the API's (``api``) and the jobs' schedule (``schedule``).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

from config.settings.accounts import *
from config.settings.api import *
from config.settings.forum import *
from config.settings.schedule import *

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-local-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "community",
    "notifications",
    "moderation",
    "feedback",
    # After every domain app, whose selectors, permissions and services it serves over HTTP.
    "api",
    # Last: the demo loads every other app's data, and no app imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "web.middleware.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.NoStoreWhenSignedInMiddleware",
    "web.middleware.NullCharacterPathMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "web.htmx.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SuspendedMemberMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "community.middleware.RecordVisitMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.notifications",
                "moderation.context_processors.backoffice",
                "feedback.context_processors.feedback",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'liaison.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on the embedded default: wait for the write lock instead of
    # failing with "database is locked", take it at the start of each transaction
    # (a read that turns into a write cannot deadlock), and let readers run beside
    # the writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the broker and the cache are two instances in production (docker-compose.yml):
# the broker must never evict a job (maxmemory-policy noeviction, as Celery's docs ask),
# the cache may evict anything (allkeys-lru). One Redis with two databases suits a laptop.
REDIS_URL = env("REDIS_URL", default="")
# The cache (sessions' fast copy, allauth's rate limits); default: REDIS_URL's server, db 1.
CACHE_URL = env(
    "CACHE_URL", default=urlsplit(REDIS_URL)._replace(path="/1").geturl() if REDIS_URL else ""
)
# Seconds a cache call may wait for Redis before the cache counts as down (then it degrades).
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)

if CACHE_URL:
    CACHES = {
        "default": {
            # Redis down is an empty cache that forgets, logged, never a 500 (config/cache.py).
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with no broker the tasks run in-process, so the embedded default
# needs nothing but Python.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A job a worker took but never acknowledged (the worker died) is handed out again
    # after this many seconds. It must exceed the longest countdown (a delivery's last
    # backoff, 240 s by default): Redis hands out a job waiting for its countdown again
    # too. The sweeps (every minute) take up lost work sooner anyway.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
# Every job handles one row or one small batch; one still running after the soft limit
# is stuck on a network call: it gets SoftTimeLimitExceeded, and the hard limit kills the
# process. The hard limit stays under LIAISON_FEEDBACK_STUCK_SECONDS, so a delivery
# claimed longer ago than that has no live worker sending it.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30)
# A mail server that stops answering fails the send after this many seconds, well within
# the soft limit (Django's default waits for ever; webhooks have their own 5 s).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The digests mail every member or department in one job (each recipient is marked as it
# is mailed, so a rerun goes on where one stopped): minutes, not seconds.
CELERY_TASK_ANNOTATIONS = {
    name: {"soft_time_limit": 15 * 60, "time_limit": 16 * 60}
    for name in (
        "notifications.tasks.send_daily_digests_task",
        "feedback.tasks.send_weekly_department_digests_task",
        "moderation.tasks.send_moderator_digest_task",
    )
}
# On SIGQUIT (and SIGTERM where REMAP_SIGTERM=SIGQUIT, as docker-compose.yml sets) the
# worker lets running jobs finish for this many seconds, then hands the rest back to the
# broker. Equal to the hard time limit: no ordinary job runs longer.
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = env.float("CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT", default=30)
# A delivery claimed ("sending") this long ago lost its worker; a pending one due this
# long ago lost its job: the sweep sends either again (feedback/services/deliveries.py).
LIAISON_FEEDBACK_STUCK_SECONDS = env.int("FEEDBACK_STUCK_SECONDS", default=60)
# Attempts at an e-mail or webhook delivery (and at routing an insight) before it fails.
LIAISON_FEEDBACK_MAX_ATTEMPTS = env.int("FEEDBACK_MAX_ATTEMPTS", default=5)
# First retry after this many seconds, doubling each attempt (30 s, 60 s, 120 s, ...).
LIAISON_FEEDBACK_RETRY_BASE_SECONDS = env.int("FEEDBACK_RETRY_BASE_SECONDS", default=30)
# A notification job or e-mail still pending this long after it was enqueued lost its
# job (broker restart, killed worker): the sweep enqueues it again.
LIAISON_LOST_JOB_SECONDS = env.int("LOST_JOB_SECONDS", default=60)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Liaison <community@liaison.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SITE_NAME = env("SITE_NAME", default="Liaison Community")
# Avatars: uploads larger than this are refused before Pillow opens them.
LIAISON_AVATAR_MAX_BYTES = env.int("AVATAR_MAX_BYTES", default=2 * 1024 * 1024)
LIAISON_AVATAR_SIZE_PIXELS = 256
# Longest request body, in bytes: a larger Content-Length is refused with 413
# before the body is read. Room for the largest upload (an avatar) and the form
# around it; deploy/nginx.conf's client_max_body_size says the same.
LIAISON_REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=5 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # 403s and 404s are answers, not faults: log server errors only.
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Public base URL of the site, for links in e-mails.
LIAISON_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
# How long an unsubscribe link in an e-mail keeps working, in seconds.
LIAISON_UNSUBSCRIBE_MAX_AGE_SECONDS = env.int("UNSUBSCRIBE_MAX_AGE_SECONDS", default=90 * 86400)
