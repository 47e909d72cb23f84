"""Production: every secret from the environment, no defaults for them."""

from config.settings.base import *
from config.settings.base import env

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
if CACHE_URL:
    # Sessions are read from the Redis cache and kept in the database too, so that any web
    # process serves any request and members stay signed in while Redis is down (the cache
    # then degrades to a miss, config/cache.py, and the session comes from the database).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
# The __Host- prefix makes browsers keep a cookie only if it is Secure, for the whole
# site and this host alone (Path=/, no Domain): no subdomain can set or shadow it.
# Without Secure a browser would drop such a cookie, so the plain name stays then.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    LIAISON_DEVICE_COOKIE_NAME = "__Host-liaison_device"
    LANGUAGE_COOKIE_NAME = "__Host-django_language"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# The language cookie (set by the language switch, read by LocaleMiddleware) is Secure
# with the session cookie; no script reads it, and other sites' requests need not carry it.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Messages wait in the session instead of a cookie of their own (Django's default tries a
# cookie first), so the session cookie's protections cover them and no other cookie is set.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of gunicorn that append to X-Forwarded-For (docker-compose.yml's
# nginx is one): allauth's rate limits count a client by the address that many
# entries from the end, instead of the proxy's own. 0 when clients reach gunicorn.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT}
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
