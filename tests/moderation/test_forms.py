"""The backoffice forms (moderation/forms.py)."""

import pytest
from django.urls import reverse
from django.utils import translation

from moderation.forms import ItemActionForm
from moderation.models import AutomodRule

pytestmark = pytest.mark.django_db


# Backoffice review: the item form's labels stayed English in German.
def test_the_item_forms_action_field_has_a_translated_label():
    with translation.override("de"):
        assert str(ItemActionForm()["action"].label) == "Aktion"


# Backoffice review: a trust level outside 1 to 5 met the database's constraint, not a field error.
@pytest.mark.parametrize("level", [0, 6, 100])
def test_the_rule_form_refuses_a_trust_level_outside_1_to_5_with_a_field_error(
    client, manager, level
):
    client.force_login(manager)
    data = {"name": "R", "kind": "words", "pattern": "casino", "action": "flag"}

    response = client.post(reverse("moderation:rule_create"), {**data, "trust_level_below": level})

    assert response.status_code == 400
    assert response.context["form"].errors["trust_level_below"]
    assert "Constraint" not in response.content.decode()
    assert not AutomodRule.objects.exists()
