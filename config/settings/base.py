"""Settings shared by every mode, read from the environment.

Every variable has a safe local default except where production overrides
it (config.settings.production has no default secret). README.md lists them.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

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
    "accounts",
    "community",
    "notifications",
    "moderation",
    "feedback",
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

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 10 characters for everyone, 15 for staff (the validator's docstring says why).
    {
        "NAME": "accounts.validators.RoleMinimumLengthValidator",
        "OPTIONS": {"min_length": 10, "staff_min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# django-allauth: e-mail is the login, a username is the public handle used
# in @mentions and profile URLs (as Discourse does).
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# allauth's forms that set a known member's password, listing that member's password
# rules (staff need more characters) instead of everyone's.
ACCOUNT_FORMS = {
    "change_password": "accounts.password_forms.ChangePasswordForm",
    "set_password": "accounts.password_forms.SetPasswordForm",
    "reset_password_from_key": "accounts.password_forms.ResetPasswordKeyForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Password reset links work for an hour (allauth's reset token is Django's).
PASSWORD_RESET_TIMEOUT = 60 * 60
ACCOUNT_RATE_LIMITS = {
    # The three rates of failed sign-ins follow OWASP's device cookies (accounts.adapters):
    # a browser that signed in to the account before is held by its own failures only.
    # The lock messages say how long a lock lasts: the longest period of its rate.
    # Failed sign-ins per address (allauth): five in five minutes lock the address for
    # browsers without a device cookie for it (and a second step's two-factor codes).
    "login_failed": "5/5m/key",
    # Failed sign-ins per IP: five in five minutes lock out browsers without a device
    # cookie for the account tried.
    "liaison_login_failed_unknown_device": "5/5m/ip",
    # Failed sign-ins per device cookie: five in five minutes lock out that browser.
    "liaison_login_failed_known_device": "5/5m/key",
    # Signup forms sent per IP, mistakes included (allauth).
    "signup": "20/h/ip",
    # Accounts created per IP per hour, as Discourse limits them (accounts.adapters).
    "liaison_new_account": f"{env.int('SIGNUPS_PER_IP_PER_HOUR', default=3)}/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Liaison] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Liaison"
# The client's address for rate limits: how many of our proxies append to X-Forwarded-For
# (0: trust none, take REMOTE_ADDR; 1: one TLS proxy), or a header our proxy sets instead.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default="") or None
# The device cookie (accounts.devices) and how many days a browser stays remembered.
LIAISON_DEVICE_COOKIE_NAME = "liaison_device"
LIAISON_DEVICE_COOKIE_MAX_AGE_DAYS = env.int("DEVICE_COOKIE_MAX_AGE_DAYS", default=180)
# When true, members of a staff role must set up two-factor authentication
# before they can use the site (accounts.middleware.StaffMFAMiddleware).
LIAISON_REQUIRE_MFA_FOR_STAFF = env.bool("REQUIRE_MFA_FOR_STAFF", default=False)

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

# The forum.
# Longest post body, in characters.
LIAISON_POST_MAX_LENGTH = env.int("POST_MAX_LENGTH", default=32_000)
# How long after posting an author may still edit a post, in seconds (staff always may).
LIAISON_POST_EDIT_WINDOW_SECONDS = env.int("POST_EDIT_WINDOW_SECONDS", default=24 * 60 * 60)
# Threads on one page of a category or tag.
LIAISON_THREADS_PER_PAGE = env.int("THREADS_PER_PAGE", default=30)
# Moderation. In parentheses: the Discourse site setting of the same default, if any.
# Whether the new-member sandbox (Discourse's limits on trust level 0, the seven below) applies.
LIAISON_SANDBOX_ENABLED = env.bool("SANDBOX_ENABLED", default=True)
# Seconds a new member waits between two posts (rate_limit_new_user_create_post, 30).
LIAISON_SANDBOX_POST_INTERVAL_SECONDS = 30
# Threads a new member opens in the first 24 hours after joining (max_topics_in_first_day, 3).
LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY = 3
# Replies a new member writes in the first 24 hours after joining (max_replies_in_first_day, 10).
LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY = 10
# Links in one post of a new member (newuser_max_links, 2).
LIAISON_SANDBOX_MAX_LINKS = 2
# @mentions in one post of a new member (newuser_max_mentions_per_post, 2).
LIAISON_SANDBOX_MAX_MENTIONS = 2
# Images embedded in one post of a new member (newuser_max_embedded_media, 1).
LIAISON_SANDBOX_MAX_EMBEDDED_MEDIA = 1
# Minutes within which a new member cannot post the same text twice (unique_posts_mins, 5).
LIAISON_SANDBOX_DUPLICATE_MINUTES = 5
# Whether the limits on every member's posts below apply (staff are exempt); apart from the sandbox.
LIAISON_POST_LIMITS_ENABLED = env.bool("POST_LIMITS_ENABLED", default=True)
# Seconds any member waits between two posts (rate_limit_create_post, 5).
LIAISON_POST_INTERVAL_SECONDS = 5
# Minutes within which no member posts the same text twice (unique_posts_mins, 5).
LIAISON_DUPLICATE_POST_MINUTES = 5
# @mentions in one post of any member (max_mentions_per_post, 10).
LIAISON_MAX_MENTIONS = 10
# How many of a new member's first posts wait for a moderator's approval.
LIAISON_HOLD_FIRST_POSTS = env.int("HOLD_FIRST_POSTS", default=2)
# Category slug -> number of held first posts there, overriding LIAISON_HOLD_FIRST_POSTS.
LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY = {}
# Spam flaggers (no young accounts) that silence a newcomer (num_users_to_silence_new_user, 3).
LIAISON_SPAM_FLAGS_TO_SILENCE = 3
# Days such a silence, and the "spam" action's, lasts unless a moderator lifts it.
LIAISON_SPAM_SILENCE_DAYS = 365
# Flag score (weights add up by the flaggers' trust) at which a post hides pending review.
LIAISON_FLAG_HIDE_THRESHOLD = env.float("FLAG_HIDE_THRESHOLD", default=3.0)
# Trust level from which members flag posts; staff flag at any level (min_trust_to_flag_posts, 1).
LIAISON_FLAG_MIN_TRUST_LEVEL = 1
# Posts a member at trust level 1 flags in 24 hours; staff have no cap (max_flags_per_day, 20).
LIAISON_MAX_FLAGS_PER_DAY = 20
# Trust level -> factor on the above (tl2_/tl3_/tl4_additional_flags_per_day_multiplier, 1.5/2/3).
LIAISON_FLAGS_PER_DAY_MULTIPLIERS = {2: 1.5, 3: 2, 4: 3}
# Hours in which an account's flags weigh less and count towards no spam silence (Liaison's own).
LIAISON_YOUNG_FLAGGER_HOURS = 24
# The share of a full flag's weight that such a young account's flag carries (Liaison's own).
LIAISON_YOUNG_FLAGGER_WEIGHT = 0.5
# How long a moderator's claim on a review item lasts, in minutes.
LIAISON_CLAIM_MINUTES = 15
# Hours after which a held post's moderators are reminded of it, once.
LIAISON_STALE_HELD_HOURS = 24
# Time bound for matching one automod regular expression against one post, in seconds.
LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS = 0.05
# How many recent posts an automod rule preview is tried against.
LIAISON_AUTOMOD_PREVIEW_POSTS = 1000
# Items on one page of the review queue.
LIAISON_REVIEW_QUEUE_PAGE_SIZE = 25
# How long the signed appeal link in a suspension or ban notice works, in seconds (30 days).
LIAISON_APPEAL_LINK_MAX_AGE_SECONDS = 30 * 24 * 60 * 60

# Public base URL of the site, for links in e-mails.
LIAISON_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
# How long an unsubscribe link in an e-mail keeps working, in seconds.
LIAISON_UNSUBSCRIBE_MAX_AGE_SECONDS = env.int("UNSUBSCRIBE_MAX_AGE_SECONDS", default=90 * 86400)

# Run by each worker whenever it (re)connects to the broker, with older_than_seconds=0:
# jobs lost while the broker was down go out at once, not a sweep period later
# (config.celery.SweepOnConnect). Each reruns safely.
LIAISON_SWEEPS_ON_CONNECT = [
    "notifications.tasks.requeue_lost_notifications_task",
    "feedback.tasks.requeue_lost_routing_task",
]
# The beat schedule, in one place.
CELERY_BEAT_SCHEDULE = {
    # Every morning at 07:00 (TIME_ZONE): members who chose the daily digest get it.
    "send-daily-digests": {
        "task": "notifications.tasks.send_daily_digests_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Every minute: notification jobs and e-mails lost to a broker restart or a killed
    # worker are enqueued again, so that nothing a member should be told is lost.
    "requeue-lost-notifications": {
        "task": "notifications.tasks.requeue_lost_notifications_task",
        "schedule": crontab(minute="*"),
    },
    # Every minute: feedback deliveries whose worker died or whose job was lost (a broker
    # restart) are enqueued again, so a delivery cut by a killed worker is sent again
    # within two minutes (LIAISON_FEEDBACK_STUCK_SECONDS plus this minute).
    "requeue-stuck-feedback-deliveries": {
        "task": "feedback.tasks.requeue_stuck_deliveries_task",
        "schedule": crontab(minute="*"),
    },
    # Every hour at :15: feedback that no department acknowledged within its service
    # level is escalated to the community managers, once per insight.
    "escalate-overdue-feedback": {
        "task": "feedback.tasks.escalate_overdue_insights_task",
        "schedule": crontab(minute=15),
    },
    # Mondays at 08:00: each department gets its week of feedback by e-mail.
    "send-weekly-department-digests": {
        "task": "feedback.tasks.send_weekly_department_digests_task",
        "schedule": crontab(hour=8, minute=0, day_of_week=1),
    },
    # Every morning at 06:30 (TIME_ZONE): each moderator gets one e-mail summing up the
    # open review items, before the working day, instead of one mail per flag.
    "send-moderator-digest": {
        "task": "moderation.tasks.send_moderator_digest_task",
        "schedule": crontab(hour=6, minute=30),
    },
    # Every hour at :45: posts held for approval over 24 hours remind their moderators,
    # once per post, so that no new member waits unseen.
    "notify-stale-held-posts": {
        "task": "moderation.tasks.notify_stale_held_posts_task",
        "schedule": crontab(minute=45),
    },
}
