"""The API's settings: Django REST framework, its throttles and the OpenAPI schema.

Imported whole by ``config.settings.base``; each value is read as ``settings.X``.
"""

import environ

from config.settings.accounts import ALLAUTH_TRUSTED_PROXY_COUNT

env = environ.Env()

REST_FRAMEWORK = {
    # A bearer token first: its scheme is what a 401 names in WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.AccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScopeAllows"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.handle_exception",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.MemberRateThrottle",
        "api.throttling.AddressRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        # Requests per member (whether by session or by token) and per client address.
        "member": env("API_REQUESTS_PER_MEMBER", default="600/hour"),
        "address": env("API_REQUESTS_PER_ADDRESS", default="1200/hour"),
    },
    # The client's address for the per-address throttle, as for allauth's rate limits.
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Liaison API",
    "DESCRIPTION": "Read and write the forum of Liaison.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI's files come from drf-spectacular-sidecar through our static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
