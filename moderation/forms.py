"""The shapes of the backoffice's inputs. Rules live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.models import Category
from moderation import automod, selectors
from moderation.models import (
    RULE_TRUST_LEVEL_BELOW_MAX,
    RULE_TRUST_LEVEL_BELOW_MIN,
    Appeal,
    AppealOutcome,
    AutomodRule,
    CannedReason,
    Flag,
    FlagReason,
    ModeratorNote,
    SanctionKind,
)
from moderation.services.item_actions import ACTIONS, BULK_ACTIONS
from web.forms import BoundedModelMultipleChoiceField

ACTION_LABELS = {
    "approve": _("Approve"),
    "agree": _("Agree with the flags and hide"),
    "dismiss": _("Dismiss the flags"),
    "hide": _("Hide"),
    "delete": _("Delete"),
    "spam": _("Delete as spam"),
    "edit": _("Edit"),
    "lock": _("Lock thread"),
    "unlock": _("Unlock thread"),
    "pin": _("Pin thread"),
    "unpin": _("Unpin thread"),
    "move": _("Move thread"),
    "merge": _("Merge thread"),
}


class ReasonMixin(forms.Form):
    """A canned reason to pick, or a reason written out; the written one wins."""

    canned_reason = forms.ModelChoiceField(
        queryset=CannedReason.objects.all(),
        required=False,
        label=_("Canned reason"),
        empty_label=_("Write my own"),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def get_reason(self) -> str:
        """Return the written reason, or the chosen canned reason's text."""
        written = self.cleaned_data.get("reason", "").strip()
        canned = self.cleaned_data.get("canned_reason")
        return written or (canned.text if canned else "")


class ItemActionForm(ReasonMixin):
    """An action on a review item, with what it needs."""

    action = forms.ChoiceField(
        label=_("Action"), choices=[(action, ACTION_LABELS[action]) for action in ACTIONS]
    )
    body = forms.CharField(label=_("New text"), required=False, widget=forms.Textarea)
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), required=False, label=_("Move to category")
    )
    target_thread_id = forms.IntegerField(
        required=False, min_value=1, label=_("Merge into thread number")
    )


class BulkActionForm(ReasonMixin):
    """One action on the selected items of the queue."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(action, ACTION_LABELS[action]) for action in BULK_ACTIONS],
    )
    items = forms.TypedMultipleChoiceField(coerce=int, choices=[], label=_("Items"))

    def __init__(self, *args, item_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(item_id, item_id) for item_id in item_ids]

    @staticmethod
    def posted_item_ids(data) -> list[str]:
        """Return the posted ``items`` that can be ids: ASCII digits below 2**63.

        The rest could not name an item; a query with them would fail rather
        than find nothing.
        """
        return [
            value
            for value in data.getlist("items")
            if value.isascii() and value.isdigit() and int(value) < 2**63
        ]


class SanctionForm(ReasonMixin):
    """A sanction on a member, optionally naming one of their posts."""

    kind = forms.ChoiceField(choices=SanctionKind.choices, label=_("Sanction"))
    days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label=_("For how many days")
    )
    post_id = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.HiddenInput,
        label=_("Post"),
    )

    def clean(self):
        """Add ``post``: the post ``post_id`` names, or ``None`` when it names none.

        Looked up only once the rest of the input is valid; an id of no post
        is an error of ``post_id``.
        """
        cleaned_data = super().clean()
        cleaned_data["post"] = None
        post_id = cleaned_data.get("post_id")
        if post_id and not self.errors:
            cleaned_data["post"] = selectors.find_post(post_id=post_id)
            if cleaned_data["post"] is None:
                self.add_error("post_id", _("This post does not exist."))
        return cleaned_data


class LiftSanctionForm(ReasonMixin):
    """Why a moderator lifts a sanction before its end."""


class FlagForm(forms.ModelForm):
    """A member's flag on a post."""

    reason = forms.ChoiceField(
        choices=FlagReason.choices, widget=forms.RadioSelect, label=_("What is wrong with it?")
    )

    class Meta:
        model = Flag
        fields = ["reason", "note"]
        labels = {"note": _("Anything moderators should know (optional)")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class AppealForm(forms.ModelForm):
    """A member's appeal."""

    class Meta:
        model = Appeal
        fields = ["text"]


class DecideAppealForm(forms.Form):
    """A moderator's decision on an appeal."""

    outcome = forms.ChoiceField(choices=AppealOutcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason given to the member"), widget=forms.Textarea)


class NoteForm(forms.ModelForm):
    """A moderator's note about a member."""

    class Meta:
        model = ModeratorNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class RuleForm(forms.ModelForm):
    """An automod rule; "preview" tries it before saving."""

    trust_level_below = AutomodRule._meta.get_field("trust_level_below").formfield(
        min_value=RULE_TRUST_LEVEL_BELOW_MIN, max_value=RULE_TRUST_LEVEL_BELOW_MAX
    )

    class Meta:
        model = AutomodRule
        fields = [
            "name",
            "kind",
            "pattern",
            "action",
            "categories",
            "message",
            "trust_level_below",
            "is_active",
        ]
        widgets = {"categories": forms.CheckboxSelectMultiple}
        field_classes = {"categories": BoundedModelMultipleChoiceField}

    def clean(self):
        cleaned_data = super().clean()
        kind, pattern = cleaned_data.get("kind"), cleaned_data.get("pattern")
        if kind and pattern:
            try:
                automod.validate_pattern(kind, pattern)
            except ValidationError as error:
                self.add_error("pattern", error)
        return cleaned_data


class CannedReasonForm(forms.ModelForm):
    """A canned reason."""

    class Meta:
        model = CannedReason
        fields = ["title", "text", "position"]


class RevertForm(forms.Form):
    """Why a moderator reverts an action."""

    reason = forms.CharField(required=False, max_length=1000, label=_("Reason"))
