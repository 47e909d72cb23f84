"""factory_boy factories for members and their roles."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role

PASSWORD = "correct horse battery"


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
            assign_role(member=self, role=Role.MEMBER)
            if extracted:
                assign_role(member=self, role=extracted)
