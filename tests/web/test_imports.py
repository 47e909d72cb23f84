"""web stays plumbing that every app may import: it imports no app of the project.

Its modules import Django, the standard library and installed third-party
packages, and each other; never accounts, community, moderation, feedback,
demo, config or any other package of this repository (web/__init__.py).
"""

import importlib.metadata
import sys
from pathlib import Path

import pytest

import web
from tests.test_project import imported_modules

WEB = Path(web.__file__).resolve().parent
ROOT = WEB.parent
#: The repository's own top-level packages: its apps, config, demo, tests and web.
PROJECT_PACKAGES = {path.parent.name for path in ROOT.glob("*/__init__.py")}
THIRD_PARTY = set(importlib.metadata.packages_distributions()) - PROJECT_PACKAGES


def is_allowed_in_web(module: str) -> bool:
    """Return whether a module of web may import ``module`` (an absolute module name)."""
    top = module.partition(".")[0]
    if top == "web":
        return True
    if top in PROJECT_PACKAGES:
        return False
    return top in sys.stdlib_module_names or top == "django" or top in THIRD_PARTY


def test_the_project_packages_are_known():
    assert {"accounts", "community", "moderation", "feedback", "demo", "config", "web"} <= (
        PROJECT_PACKAGES
    )


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("csv", True),
        ("django.http", True),
        ("environ", True),
        ("web.htmx", True),
        ("community.models", False),
        ("accounts", False),
        ("config.celery", False),
        ("no_such_package", False),
    ],
)
def test_is_allowed_in_web_tells_plumbing_from_the_project(module, expected):
    assert is_allowed_in_web(module) is expected


def test_web_imports_only_django_the_standard_library_and_third_party_packages():
    modules = sorted(WEB.rglob("*.py"))
    refused = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules
        for name in sorted(imported_modules(path))
        if not is_allowed_in_web(name)
    ]

    assert {"htmx.py", "pagination.py", "csv.py", "forms.py", "links.py"} <= {
        path.name for path in modules
    }
    assert not refused
