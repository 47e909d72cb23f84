"""The feedback models' own rules (feedback/models/): a department's webhook."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


# Feedback review: a webhook without a secret was refused, but not on the secret's field.
@pytest.mark.parametrize("secret", ["", "   "])
def test_a_webhook_without_a_secret_is_refused_on_the_secret_field(client, manager, secret):
    client.force_login(manager)
    response = client.post(
        reverse("feedback:department_create"),
        {
            "name": "Ops",
            "slug": "ops",
            "webhook_url": "https://ops.test/hook",
            "webhook_secret": secret,
            "service_level_hours": 24,
        },
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["webhook_secret"] == ["A webhook needs a secret to sign its requests."]
    assert not form.non_field_errors()
    assert "feedback_department_webhook_signed" not in response.content.decode()


# Feedback review: an upper-case scheme met the database's http/https check.
def test_an_upper_case_scheme_is_saved_lower_case(client, manager):
    from feedback.models import Department

    client.force_login(manager)
    response = client.post(
        reverse("feedback:department_create"),
        {
            "name": "Ops",
            "slug": "ops",
            "webhook_url": "HTTPS://Ops.test/Hook",
            "webhook_secret": "s3cret",
            "service_level_hours": 24,
        },
    )

    assert response.status_code == 302
    assert Department.objects.get(slug="ops").webhook_url == "https://Ops.test/Hook"
