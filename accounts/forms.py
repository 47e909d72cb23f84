"""Input shapes of the accounts pages."""

from allauth.account.adapter import get_adapter
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import USERNAME_MIN_LENGTH, TokenScope, User


class SignupForm(forms.Form):
    """The fields Liaison adds to allauth's signup form (``ACCOUNT_SIGNUP_FORM_CLASS``)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=False,
        help_text=_("Shown next to your posts. Leave empty to show your username."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth declares the username field (on its subclass of this form) with its own
        # minimum of 1: ask for what username_validator accepts, in the browser too.
        username = self.fields.get("username")
        if username is not None:
            username.min_length = USERNAME_MIN_LENGTH
            username.validators.append(MinLengthValidator(USERNAME_MIN_LENGTH))
            username.widget.attrs["minlength"] = str(USERNAME_MIN_LENGTH)

    def full_clean(self):
        """Validate, then count the new account against the client's IP if nothing was wrong.

        The quota check comes after every other check, allauth's password checks
        included (they run after this class's ``clean()``), so that a form sent
        back for a mistake does not count. Sets a non-field error once the IP
        created its accounts for the hour (``AccountAdapter.consume_signup_quota``).
        """
        super().full_clean()
        if self.is_bound and not self.errors:
            try:
                get_adapter().consume_signup_quota()
            except ValidationError as error:
                self.add_error(None, error)

    def signup(self, request, user: User) -> None:
        """Called by allauth once the user exists; the adapter already stored the name."""


class ProfileForm(forms.ModelForm):
    """A member's public profile; the avatar is re-encoded by the service."""

    avatar = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("A JPEG, PNG, GIF or WebP image; it is cropped to a square."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove the avatar"), required=False)
    language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        choices=[("", _("As the browser asks")), *settings.LANGUAGES],
    )

    class Meta:
        model = User
        fields = ["display_name", "bio", "language"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}


class AccessTokenForm(forms.Form):
    """A new personal access token: its name, scopes and lifetime."""

    #: Lifetimes offered, in days; the empty value never expires.
    EXPIRY_CHOICES = [
        ("30", _("30 days")),
        ("90", _("90 days")),
        ("365", _("One year")),
        ("", _("Never")),
    ]

    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=TokenScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[TokenScope.READ],
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )
