"""The roles of ARCHITECTURE.md, stored as Django groups.

The groups and their permissions are created by a data migration; a member's
roles are the groups they belong to. Category moderators and department
membership are rows in their apps, not groups.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A role a person holds; the value is the name of its group."""

    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")
    COMMUNITY_MANAGER = "community manager", _("Community manager")
    DEPARTMENT_STAFF = "department staff", _("Department staff")
    ADMIN = "admin", _("Admin")


#: Roles whose holders work in the backoffice or a department inbox.
STAFF_ROLES = frozenset({Role.MODERATOR, Role.COMMUNITY_MANAGER, Role.DEPARTMENT_STAFF, Role.ADMIN})

#: The permissions each role's group holds, as "app_label.codename".
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.MEMBER: [],
    Role.MODERATOR: [
        "accounts.access_backoffice",
        "accounts.moderate_posts",
        "accounts.view_internal_categories",
    ],
    Role.COMMUNITY_MANAGER: [
        "accounts.access_backoffice",
        "accounts.moderate_posts",
        "accounts.manage_community",
        "accounts.sanction_members",
        "accounts.triage_feedback",
        "accounts.view_internal_categories",
        "accounts.view_user",
    ],
    Role.DEPARTMENT_STAFF: [
        "accounts.answer_feedback",
        "accounts.view_internal_categories",
    ],
    Role.ADMIN: [
        "accounts.access_backoffice",
        "accounts.moderate_posts",
        "accounts.manage_community",
        "accounts.sanction_members",
        "accounts.triage_feedback",
        "accounts.answer_feedback",
        "accounts.view_internal_categories",
        "accounts.view_user",
        "accounts.change_user",
    ],
}
