"""The project's shape: settings, docker-compose.yml and the demo loader."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
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


def test_celery_limits_are_set_on_purpose_and_fit_together(settings):
    """The visibility timeout outlasts every countdown, a job ends before its delivery
    counts as stuck, the soft shutdown lets a job finish, and Docker waits for it."""
    from config.celery import app
    from feedback.services.deliveries import backoff_seconds, max_attempts

    longest_countdown = backoff_seconds(max_attempts() - 1)
    assert app.conf.broker_transport_options["visibility_timeout"] > longest_countdown
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.task_time_limit < settings.LIAISON_FEEDBACK_STUCK_SECONDS
    assert app.conf.task_soft_time_limit > settings.EMAIL_TIMEOUT
    assert app.conf.worker_soft_shutdown_timeout >= app.conf.task_time_limit
    for name, limits in app.conf.task_annotations.items():
        assert limits["soft_time_limit"] < limits["time_limit"], name
        module, task = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), task), name
    worker = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["worker"]
    assert worker["environment"]["REMAP_SIGTERM"] == "SIGQUIT"
    grace = int(worker["stop_grace_period"].rstrip("s"))
    assert grace > app.conf.worker_soft_shutdown_timeout


def test_the_cache_and_the_broker_are_separate_redis_instances_in_compose():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    environment = services["web"]["environment"]

    assert environment["CACHE_URL"].split("/")[2] != environment["REDIS_URL"].split("/")[2]
    assert "noeviction" in services["redis"]["command"]
    assert "allkeys-lru" in services["redis-cache"]["command"]
