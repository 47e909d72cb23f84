"""Demo people for every role, used by ``manage.py load_demo``.

Every loader in ``demo`` has ``load(stdout) -> dict``; the command calls them
in a fixed order (``load_demo.LOADERS``), so later ones find earlier ones'
rows. Loading is idempotent: rows are looked up by natural keys first.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import TrustLevel, User
from accounts.roles import Role
from accounts.services import assign_role

DEMO_PASSWORD = "liaison-demo"  # noqa: S105 -- printed for the demo on purpose

#: (username, e-mail, display name, role, trust level, language)
DEMO_PEOPLE = [
    ("admin", "admin@demo.liaison.test", "Ada Admin", Role.ADMIN, TrustLevel.LEADER, "en"),
    (
        "carla",
        "manager@demo.liaison.test",
        "Carla Community",
        Role.COMMUNITY_MANAGER,
        TrustLevel.LEADER,
        "en",
    ),
    (
        "moritz",
        "moderator@demo.liaison.test",
        "Moritz Moderator",
        Role.MODERATOR,
        TrustLevel.REGULAR,
        "de",
    ),
    (
        "sam",
        "staff@demo.liaison.test",
        "Sam Support",
        Role.DEPARTMENT_STAFF,
        TrustLevel.MEMBER,
        "en",
    ),
    (
        "priya",
        "product@demo.liaison.test",
        "Priya Product",
        Role.DEPARTMENT_STAFF,
        TrustLevel.MEMBER,
        "en",
    ),
    ("alice", "alice@demo.liaison.test", "Alice Anders", Role.MEMBER, TrustLevel.REGULAR, "en"),
    ("bernd", "bernd@demo.liaison.test", "Bernd Becker", Role.MEMBER, TrustLevel.MEMBER, "de"),
    ("chen", "chen@demo.liaison.test", "Chen Li", Role.MEMBER, TrustLevel.BASIC, "en"),
    ("dana", "dana@demo.liaison.test", "Dana Doe", Role.MEMBER, TrustLevel.NEW, "en"),
]


@transaction.atomic
def load(stdout=None) -> dict[str, User]:
    """Create (or find) the demo people with verified e-mail; return them by username."""
    people = {}
    # Hash the shared password once: hashing is what makes loading slow.
    password_hash = make_password(DEMO_PASSWORD)
    for username, email, name, role, level, language in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=None,
                username=username,
                display_name=name,
                trust_level=level,
                language=language,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            User.objects.filter(pk=user.pk).update(password=password_hash)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        assign_role(member=user, role=Role.MEMBER)
        assign_role(member=user, role=role)
        people[username] = user
    return people


def describe() -> list[tuple[str, str, str]]:
    """Return (role, e-mail, password) for each demo login, for printing."""
    return [(str(role.label), email, DEMO_PASSWORD) for _u, email, _n, role, _l, _g in DEMO_PEOPLE]
