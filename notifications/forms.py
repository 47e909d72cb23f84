"""Input shapes of notifications' pages; the rules live in notifications.services."""

from django import forms

from notifications import registry
from notifications.models import Channel


class NotificationPreferencesForm(forms.Form):
    """One choice of channel per registered kind of notification."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in registry.kinds():
            self.fields[kind.value] = forms.ChoiceField(label=kind.label, choices=Channel.choices)
