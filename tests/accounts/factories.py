"""factory_boy factories for members and their roles."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission

from accounts.models import User
from accounts.roles import ROLE_PERMISSIONS, Role
from accounts.services import assign_role

PASSWORD = "correct horse battery"


def ensure_role_groups() -> None:
    """Recreate the role groups when a transactional test's flush removed them.

    The groups come from a data migration, which a flush between transactional
    tests (live server, real worker) wipes out.
    """
    if Group.objects.filter(name__in=list(ROLE_PERMISSIONS)).count() == len(ROLE_PERMISSIONS):
        return
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class UserFactory(factory.django.DjangoModelFactory):
    """A verified member with the password ``PASSWORD``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.test")
    username = factory.Sequence(lambda n: f"member{n}")
    display_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            ensure_role_groups()
            assign_role(member=self, role=Role.MEMBER)
            if extracted:
                assign_role(member=self, role=extracted)
