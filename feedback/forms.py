"""Input shapes of the feedback pages; the services decide what is allowed."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from community.models import Category, Tag
from feedback.models import (
    Department,
    FeedbackKind,
    Insight,
    InsightStatus,
    RoutingRule,
    webhook_url_validator,
)
from feedback.reports import DEFAULT_REPORT_WEEKS, REPORT_PERIODS
from web.forms import BoundedModelMultipleChoiceField


class CaptureForm(forms.Form):
    """Mark a post as feedback: a new insight, or attach it to a suggested one."""

    kind = forms.ModelChoiceField(label=_("Kind"), queryset=FeedbackKind.objects.all())
    tags = BoundedModelMultipleChoiceField(
        label=_("Tags"), queryset=Tag.objects.all(), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    attach_to = forms.ModelChoiceField(
        queryset=Insight.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, attachable=None, **kwargs):
        super().__init__(*args, **kwargs)
        if attachable is not None:
            # Only insights the member may know of can be named as the target.
            self.fields["attach_to"].queryset = attachable.filter(merged_into__isnull=True)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InsightStatus.choices)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, department: Department | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if department is not None:
            self.fields["assignee"].queryset = department.staff.filter(is_active=True)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Public answer"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the thread and sent to every supporter. Markdown."),
    )
    status = forms.ChoiceField(
        label=_("Then set the status to"),
        choices=[("", _("(unchanged)")), *InsightStatus.choices],
        required=False,
    )


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into feedback number"),
        queryset=Insight.objects.filter(merged_into__isnull=True),
        widget=forms.NumberInput,
    )


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = [
            "name",
            "kinds",
            "tags",
            "categories",
            "keywords",
            "department",
            "stop_processing",
            "is_active",
        ]
        field_classes = {
            "kinds": BoundedModelMultipleChoiceField,
            "tags": BoundedModelMultipleChoiceField,
            "categories": BoundedModelMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.all()
        self.fields["department"].required = False


class DepartmentForm(forms.ModelForm):
    staff_members = BoundedModelMultipleChoiceField(
        label=_("Staff"),
        queryset=User.objects.filter(groups__name="department staff").distinct(),
        required=False,
    )
    # The model's validators allow an hour to a year: the same bounds give the input its
    # min and max attributes and the messages their numbers (a positive integer says 0).
    service_level_hours = Department._meta.get_field("service_level_hours").formfield(
        min_value=1, max_value=24 * 365
    )

    class Meta:
        model = Department
        fields = [
            "name",
            "slug",
            "contact_email",
            "webhook_url",
            "webhook_secret",
            "service_level_hours",
        ]
        # A webhook address typed without a scheme is an https one (Django 6's default).
        field_classes = {"webhook_url": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's http/https check with its message, not Django's "Enter a valid URL."
        # (the field puts its own message on any "invalid" error).
        webhook_url = self.fields["webhook_url"]
        webhook_url.validators = [webhook_url_validator]
        webhook_url.error_messages["invalid"] = webhook_url_validator.message


class ReportFilterForm(forms.Form):
    """The reports page's period and department; without a period, the default one."""

    weeks = forms.TypedChoiceField(label=_("Period"), coerce=int)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )

    def __init__(self, data=None, **kwargs):
        # Always bound, so that the select shows the default period as chosen.
        values = data.dict() if data else {}
        values["weeks"] = values.get("weeks") or DEFAULT_REPORT_WEEKS
        super().__init__(values, **kwargs)
        # Labels made per request: a plural formatted at import would stay in one language.
        self.fields["weeks"].choices = [
            (
                weeks,
                ngettext("Last %(weeks)d week", "Last %(weeks)d weeks", weeks) % {"weeks": weeks},
            )
            for weeks in REPORT_PERIODS
        ]

    def report_options(self) -> dict:
        """Return the valid choices as ``build_report`` arguments, the default for a bad one."""
        self.is_valid()
        return {
            "weeks": self.cleaned_data.get("weeks", DEFAULT_REPORT_WEEKS),
            "department": self.cleaned_data.get("department"),
        }
