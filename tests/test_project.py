"""The project's shape: settings, docker-compose.yml and the demo loader."""

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from accounts.models import User

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def production_settings(*names: str, **environment: str) -> dict:
    """Return the named settings as config.settings.production computes them, as JSON values."""
    # The variables these tests set themselves: a developer's own must not change the defaults.
    ours = {
        "TRUSTED_PROXY_COUNT",
        "SIGNUPS_PER_IP_PER_HOUR",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    }
    env = {name: value for name, value in os.environ.items() if name not in ours}
    env.update(SECRET_KEY="test", **environment)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_cookies_carry_the_host_prefix_and_what_it_requires():
    cookies = production_settings(
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_PATH",
        "SESSION_COOKIE_DOMAIN",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_PATH",
        "CSRF_COOKIE_DOMAIN",
        "LIAISON_DEVICE_COOKIE_NAME",
    )

    assert cookies == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_DOMAIN": None,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_PATH": "/",
        "CSRF_COOKIE_DOMAIN": None,
        "LIAISON_DEVICE_COOKIE_NAME": "__Host-liaison_device",
    }


def test_the_proxy_count_and_the_signup_quota_come_from_the_environment():
    defaults = production_settings("ALLAUTH_TRUSTED_PROXY_COUNT", "ACCOUNT_RATE_LIMITS")
    configured = production_settings(
        "ALLAUTH_TRUSTED_PROXY_COUNT",
        "ACCOUNT_RATE_LIMITS",
        TRUSTED_PROXY_COUNT="1",
        SIGNUPS_PER_IP_PER_HOUR="5",
    )

    assert defaults["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert defaults["ACCOUNT_RATE_LIMITS"]["liaison_new_account"] == "3/h/ip"
    assert configured["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert configured["ACCOUNT_RATE_LIMITS"]["liaison_new_account"] == "5/h/ip"


def test_every_static_file_a_template_names_exists():
    # A missing one fails only in the browser, or in collectstatic on deployment.
    named = {
        match.group(1)
        for template in (ROOT / "templates").rglob("*.html")
        for match in re.finditer(r"{% static '([^']+)' %}", template.read_text())
    }

    assert "js/highlight-worker.js" in named
    assert [path for path in sorted(named) if finders.find(path) is None] == []


def test_docker_compose_names_existing_entry_points():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat"):
        command = services[name]["command"]
        if command[0] == "gunicorn":
            module, attribute = command[1].split(":")
            assert hasattr(importlib.import_module(module), attribute)
        else:
            assert command[:3] == ["celery", "-A", "config"]
            assert hasattr(importlib.import_module("config"), "celery_app")
        assert (
            services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        )


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_prints_a_login_for_every_role(capsys):
    call_command("load_demo")
    first = User.objects.count()
    call_command("load_demo")

    out = capsys.readouterr().out
    assert User.objects.count() == first
    for role in ("Admin", "Community manager", "Moderator", "Department staff", "Member"):
        assert role in out
