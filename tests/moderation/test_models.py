"""The moderation models' own rules (moderation/models/): audited posts and threads keep
their entries, an automod rule's trust level explains its bounds."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from community.models import Post, Thread
from moderation.models import AutomodRule
from tests.community.factories import PostFactory
from tests.moderation.conftest import hidden_entry

pytestmark = pytest.mark.django_db


# Backoffice review: hard-deleting an audited post or thread took the entry's subject with it.
def test_an_audited_post_or_thread_cannot_be_hard_deleted(moderator):
    entry = hidden_entry(moderator)

    with pytest.raises(ProtectedError):
        Post.objects.filter(pk=entry.target_post_id).delete()
    with pytest.raises(ProtectedError):
        Thread.objects.filter(pk=entry.target_thread_id).delete()


# Backoffice review: audited posts are protected; the others may still be hard-deleted.
def test_a_post_without_audit_entries_can_still_be_hard_deleted():
    post = PostFactory()

    Post.objects.filter(pk=post.pk).delete()

    assert not Post.objects.filter(pk=post.pk).exists()


# Backoffice review: a trust level outside 1 to 5 met a constraint that did not say why.
def test_the_trust_level_constraint_explains_itself():
    rule = AutomodRule(name="R", kind="words", pattern="casino", action="flag")
    rule.trust_level_below = 9

    with pytest.raises(ValidationError) as error:
        rule.validate_constraints()

    assert error.value.messages == ["Pick a trust level from 1 to 5."]
