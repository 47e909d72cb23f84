"""The project's shape: settings, docker-compose.yml and the imports between apps."""

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings

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


def imported_modules(path: Path) -> set[str]:
    """The absolute module names that the Python file at ``path`` imports, by statement
    or by ``import_module("...")``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.update([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def project_folders(*, leaving_out: str) -> list[Path]:
    """The project's own apps (those in the repository) but ``leaving_out``, and config/."""
    folders = [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and config.name != leaving_out
    ]
    return [*folders, ROOT / "config"]


def test_no_app_imports_the_demo():
    importers = [
        f"{path.relative_to(ROOT)} imports {name}"
        for folder in project_folders(leaving_out="demo")
        for path in sorted(folder.rglob("*.py"))
        for name in imported_modules(path)
        if name == "demo" or name.startswith("demo.")
    ]

    searched = {folder.name for folder in project_folders(leaving_out="demo")}
    assert {"accounts", "community", "moderation", "feedback", "config"} <= searched
    assert not importers


def test_the_demo_comes_last_in_installed_apps():
    assert settings.INSTALLED_APPS[-1] == "demo"
    assert list(apps.get_app_configs())[-1].name == "demo"
