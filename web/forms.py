"""Form plumbing every app shares: a choice field that bounds ids, and a service's errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that refuses an id past the database's integer range.

    Django checks each value with ``filter(pk=value)``, which lets any integer
    through; the ``pk__in`` query that follows then raises ``OverflowError`` on
    SQLite for one past 2**63 - 1. Such a value gets Django's ``invalid_pk_value``
    error instead.
    """

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for key in self.prepare_value(value):
                self.validate_key_in_range(key)
        return super().clean(value)

    def validate_key_in_range(self, key) -> None:
        """Raise ``invalid_pk_value`` for an integer key the key's column cannot hold."""
        meta = self.queryset.model._meta
        field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        while field.is_relation:
            field = field.target_field
        if not isinstance(field, models.IntegerField):
            return
        try:
            number = field.to_python(key)
        except ValidationError:
            # Not a number at all: Django's own check reports it.
            return
        if number is None:
            return
        operations = connections[self.queryset.db].ops
        low, high = operations.integer_field_range(field.get_internal_type())
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": key},
            )


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show on ``form`` the ``ValidationError`` a service raised for its cleaned data.

    An error about a field of the form goes on that field; any other, be it
    about a model field the form does not show or about no field at all, goes
    above the form. ``form.add_error(None, error)`` alone would raise
    ``ValueError`` for a field the form lacks.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
