"""Input shapes of the forum's pages; the rules live in community.services."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import ReactionKind


class BodyField(forms.CharField):
    """A post body in a textarea; its length limit is the service's (``validate_body``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your post"))
        kwargs.setdefault(
            "help_text", _("Markdown works: **bold**, _italic_, `code`, > quotes, @mentions.")
        )
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("error_messages", {"required": _("Write something first.")})
        super().__init__(**kwargs)


def new_idempotency_key() -> str:
    """Return a fresh random token for a form that writes a post."""
    return secrets.token_urlsafe(24)


class IdempotencyKeyField(forms.CharField):
    """A hidden random token, new on each blank form: the same token sent twice is one
    submit sent twice, and writes one post (``community.services.reply_to_thread``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("initial", new_idempotency_key)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)


class ThreadForm(forms.Form):
    """A new thread: its title, first post and tags."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        min_length=3,
        error_messages={
            "required": _("Give the thread a title."),
            "min_length": _("Give the thread a title of at least %(limit_value)d characters."),
        },
    )
    body = BodyField()
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=250,
        help_text=_("Up to five, separated by commas."),
    )
    idempotency_key = IdempotencyKeyField()

    def clean_tags(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]


class ReplyForm(forms.Form):
    """A reply to a thread."""

    body = BodyField(label=_("Your reply"))
    #: A fixed id names the page's token; after an htmx reply, a blank form replaces
    #: the whole form, token included (newer_posts.html).
    idempotency_key = IdempotencyKeyField(
        widget=forms.HiddenInput(attrs={"id": "reply-idempotency-key"})
    )


class EditPostForm(forms.Form):
    """An edit of a post; the title only for a thread's first post."""

    title = forms.CharField(label=_("Title"), max_length=200, min_length=3, required=False)
    body = BodyField()

    def __init__(self, *args, is_first_post: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_first_post:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


class ReactionForm(forms.Form):
    """Which reaction to toggle."""

    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ThreadFlagForm(forms.Form):
    """Lock or unlock, pin or unpin, follow or unfollow: the state wanted."""

    value = forms.TypedChoiceField(choices=[("1", "on"), ("0", "off")], coerce=lambda v: v == "1")
