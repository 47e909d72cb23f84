"""The project's shape: settings, docker-compose.yml and the imports between apps."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import yaml

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
