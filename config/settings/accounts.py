"""Sign-in, sign-up and passwords: Django's authentication and django-allauth.

Imported whole by ``config.settings.base``; each value is read as ``settings.X``.
"""

import environ

env = environ.Env()

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
