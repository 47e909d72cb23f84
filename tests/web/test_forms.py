"""Form plumbing: the id-bounded choice field, and a service's errors shown on a form."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from community.models import Tag
from tests.community.factories import TagFactory
from web.forms import BoundedModelMultipleChoiceField, add_service_error

# BoundedModelMultipleChoiceField


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "code"),
    [
        (str(2**63 - 1), "invalid_choice"),
        (str(2**63), "invalid_pk_value"),
        (str(-(2**63)), "invalid_choice"),
        (str(-(2**63) - 1), "invalid_pk_value"),
        ("abc", "invalid_pk_value"),
    ],
)
def test_the_bounded_field_tells_an_unknown_id_from_one_out_of_range(value, code):
    """The largest id SQLite stores is merely unknown; one past it is not an id."""
    field = BoundedModelMultipleChoiceField(queryset=Tag.objects.all())

    with pytest.raises(ValidationError) as raised:
        field.clean([value])

    assert raised.value.code == code


@pytest.mark.django_db
def test_the_bounded_field_returns_the_rows_it_names():
    tag = TagFactory(name="export")
    field = BoundedModelMultipleChoiceField(queryset=Tag.objects.all())

    assert list(field.clean([str(tag.pk)])) == [tag]
    assert list(field.clean([tag])) == [tag]


# add_service_error


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def bound_form() -> NameForm:
    form = NameForm({"name": "Ada", "note": "Hello"})
    assert form.is_valid()
    return form


def test_add_service_error_shows_an_error_about_no_field_above_the_form():
    form = bound_form()

    add_service_error(form, ValidationError("Too late.", code="closed"))

    assert form.non_field_errors() == ["Too late."]
    assert form.has_error(NON_FIELD_ERRORS, "closed")
    assert not form.is_valid()


def test_add_service_error_keeps_every_message_of_a_list():
    form = bound_form()

    add_service_error(form, ValidationError([ValidationError("One."), ValidationError("Two.")]))

    assert form.non_field_errors() == ["One.", "Two."]


def test_add_service_error_shows_an_error_about_a_field_of_the_form_on_that_field():
    form = bound_form()

    add_service_error(form, ValidationError({"name": ValidationError("Taken.", code="taken")}))

    assert form.errors == {"name": ["Taken."]}
    assert form.has_error("name", "taken")
    assert "name" not in form.cleaned_data
    assert form.cleaned_data["note"] == "Hello"


def test_add_service_error_shows_an_error_about_a_field_the_form_lacks_above_the_form():
    # form.add_error(None, error) raises ValueError for a field the form has not.
    form = bound_form()

    add_service_error(form, ValidationError({"slug": ["Taken."], "name": ["Too short."]}))

    assert form.non_field_errors() == ["Taken."]
    assert form.errors["name"] == ["Too short."]


def test_add_service_error_shows_the_non_field_errors_of_a_dict_above_the_form():
    form = bound_form()

    add_service_error(
        form, ValidationError({NON_FIELD_ERRORS: ["Not now."], "note": ["Say less.", "Or later."]})
    )

    assert form.non_field_errors() == ["Not now."]
    assert form.errors["note"] == ["Say less.", "Or later."]
