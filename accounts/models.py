"""Members of the community.

The user model is custom from the first migration, as Django's documentation
advises for new projects: the e-mail address is the login, the username is
the public handle (@mentions, profile URLs), the display name is what pages
show.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.roles import STAFF_ROLES, Role

#: Shortest username; username_validator's pattern says the same.
USERNAME_MIN_LENGTH = 2
# Letters, digits and underscores at both ends, so that community.markdown's
# MENTION_PATTERN can @mention every valid name (a mention ends at a word character).
username_validator = RegexValidator(
    r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,28}[A-Za-z0-9_]$",
    _(
        "Use 2 to 30 letters, digits, dots, dashes or underscores; "
        "start and end with a letter, digit or underscore."
    ),
    code="invalid_username",
)


class TrustLevel(models.IntegerChoices):
    """Discourse's trust levels, 0 to 4.

    See blog.discourse.org/2018/06/understanding-discourse-trust-levels.
    """

    NEW = 0, _("New")
    BASIC = 1, _("Basic")
    MEMBER = 2, _("Member")
    REGULAR = 3, _("Regular")
    LEADER = 4, _("Leader")


class UserManager(BaseUserManager):
    """Creates members and superusers identified by e-mail."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email)
        extra_fields.setdefault("username", email.split("@", 1)[0][:30])
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        """Return a new active member; ``ValueError`` when the e-mail is empty."""
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        """Return a new superuser with access to the Django admin."""
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account: member, moderator, manager, staff or admin."""

    email = models.EmailField(_("e-mail address"), unique=True)
    username = models.CharField(
        _("username"),
        max_length=30,
        unique=True,
        validators=[username_validator],
        help_text=_("Your public handle: others mention you as @username."),
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    bio = models.TextField(_("bio"), max_length=500, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/%Y/%m/", blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, blank=True, help_text=_("Pages and e-mails.")
    )
    trust_level = models.PositiveSmallIntegerField(
        _("trust level"), choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Whether the person may open the Django admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("member since"), default=timezone.now)
    silenced_until = models.DateTimeField(
        _("silenced until"), null=True, blank=True, help_text=_("Cannot post until then.")
    )
    suspended_until = models.DateTimeField(
        _("suspended until"), null=True, blank=True, help_text=_("Cannot sign in until then.")
    )
    banned_at = models.DateTimeField(
        _("banned at"), null=True, blank=True, help_text=_("Cannot sign in any more.")
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
        permissions = [
            ("access_backoffice", "Can open the moderation backoffice"),
            ("moderate_posts", "Can moderate posts"),
            ("manage_community", "Can manage the whole community"),
            ("sanction_members", "Can warn, silence, suspend and ban members"),
            ("triage_feedback", "Can capture, triage and route feedback"),
            ("answer_feedback", "Can answer feedback for a department"),
            ("view_internal_categories", "Can see internal categories"),
        ]

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        return reverse("community:profile", kwargs={"username": self.username})

    @property
    def public_name(self) -> str:
        """The display name, or the username when none is set."""
        return self.display_name or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        """Names of the groups (roles) this person belongs to; one query, then cached."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role) -> bool:
        """Return whether the person holds ``role`` (superusers hold every role)."""
        return self.is_superuser or role in self.role_names

    @property
    def is_staff_member(self) -> bool:
        """Whether the person holds any staff role (moderator, manager, department, admin)."""
        return self.is_superuser or bool(self.role_names & STAFF_ROLES)

    @property
    def is_silenced(self) -> bool:
        """Whether the member may not post now (a moderator's silence)."""
        return self.silenced_until is not None and self.silenced_until > timezone.now()

    @property
    def is_suspended(self) -> bool:
        """Whether the member may not sign in now (suspended for a period, or banned)."""
        if self.banned_at is not None:
            return True
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @cached_property
    def has_verified_email(self) -> bool:
        """Whether the primary e-mail address has been confirmed (allauth's EmailAddress)."""
        return self.emailaddress_set.filter(verified=True).exists()


class TokenScope(models.TextChoices):
    """What an access token may do: read answers GET, write the methods that change things."""

    READ = "read", _("Read")
    WRITE = "write", _("Write")


#: The start of every access token's secret, so that a leaked one is recognisable
#: (GitHub's secret scanning looks for such prefixes).
ACCESS_TOKEN_PREFIX = "lia_"  # noqa: S105 (a public marker, not a secret)


class AccessToken(models.Model):
    """A member's personal access token for the API.

    Only the SHA-256 of the secret is stored, as GitHub does for its tokens: the
    secret is random (256 bits), so a slow hash would add nothing, and a
    database dump gives no one a usable token. The secret is shown once.
    """

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    can_read = models.BooleanField(_("read"), default=True)
    can_write = models.BooleanField(_("write"), default=False)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self) -> str:
        return self.name

    @property
    def scopes(self) -> list[TokenScope]:
        """The scopes this token holds."""
        held = {TokenScope.READ: self.can_read, TokenScope.WRITE: self.can_write}
        return [scope for scope, is_held in held.items() if is_held]

    @property
    def is_expired(self) -> bool:
        """Whether the token's lifetime has run out."""
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        """Whether the token still authenticates: neither revoked nor expired."""
        return self.revoked_at is None and not self.is_expired
