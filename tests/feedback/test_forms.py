"""The feedback forms (feedback/forms.py): the department form."""

import re

import pytest
from django.urls import reverse

from feedback.forms import DepartmentForm

pytestmark = pytest.mark.django_db


DEPARTMENT = {"name": "Ops", "slug": "ops", "webhook_secret": "s", "service_level_hours": 24}


# Feedback pages review: the service-level input lacked the model's bounds (1 to 8760 hours).
def test_the_service_level_input_carries_the_models_bounds(client, manager):
    client.force_login(manager)
    html = client.get(reverse("feedback:department_create")).content.decode()
    field = re.search(r'<input type="number" name="service_level_hours"[^>]*>', html).group(0)
    assert 'min="1"' in field and 'max="8760"' in field


# Feedback pages review: a negative service level was told the wrong lower bound (0).
def test_a_negative_service_level_is_told_the_real_lower_bound():
    form = DepartmentForm({**DEPARTMENT, "service_level_hours": "-5"})
    assert form.errors["service_level_hours"] == [
        "Ensure this value is greater than or equal to 1."
    ]


# Feedback pages review: the service level is bounded above too, at a year.
def test_a_service_level_over_a_year_is_refused():
    form = DepartmentForm({**DEPARTMENT, "service_level_hours": str(24 * 365 + 1)})
    assert form.errors["service_level_hours"] == [
        "Ensure this value is less than or equal to 8760."
    ]


# Feedback pages review: a non-http webhook got Django's message, not the model's.
def test_a_non_http_webhook_gets_the_models_message_on_its_field():
    form = DepartmentForm({**DEPARTMENT, "webhook_url": "ftp://x.test/"})
    assert form.errors["webhook_url"] == ["Use an http:// or https:// address."]


# Feedback pages review: with the model's check, a webhook without a scheme still becomes https.
def test_a_webhook_without_a_scheme_still_becomes_https():
    form = DepartmentForm({**DEPARTMENT, "webhook_url": "hooks.test/in"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["webhook_url"] == "https://hooks.test/in"
