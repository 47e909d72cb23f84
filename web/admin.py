"""Admin plumbing: a changelist that is only read.

The apps' admins are for reading and emergencies (docs/style.md); some of their
rows change only through the services, never in the admin's forms.
"""


class ReadOnlyAdminMixin:
    """Refuse adding, changing and deleting rows in the admin; viewing stays.

    Put it before ``admin.ModelAdmin`` in the bases.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
