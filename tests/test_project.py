"""The project's shape: settings, docker-compose.yml and the imports between apps."""

import ast
import importlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from gunicorn.config import Config as GunicornConfig

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
        "LANGUAGE_COOKIE_NAME",
        "LANGUAGE_COOKIE_SECURE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_PATH",
        "LANGUAGE_COOKIE_DOMAIN",
        "MESSAGE_STORAGE",
    )

    # The language cookie went out as "django_language=de; Path=/", without Secure, and
    # messages had a cookie of their own, without the prefix.
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
        "LANGUAGE_COOKIE_NAME": "__Host-django_language",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_PATH": "/",
        "LANGUAGE_COOKIE_DOMAIN": None,
        # Messages wait in the session: no cookie of their own.
        "MESSAGE_STORAGE": "django.contrib.messages.storage.session.SessionStorage",
    }


def test_without_secure_cookies_production_keeps_the_plain_language_cookie_name():
    """Browsers drop a __Host- cookie without Secure: the language would never stick."""
    cookies = production_settings(
        "LANGUAGE_COOKIE_NAME", "LANGUAGE_COOKIE_SECURE", SESSION_COOKIE_SECURE="0"
    )

    assert cookies == {"LANGUAGE_COOKIE_NAME": "django_language", "LANGUAGE_COOKIE_SECURE": False}


def test_the_proxy_count_and_the_signup_quota_come_from_the_environment():
    defaults = production_settings("ALLAUTH_TRUSTED_PROXY_COUNT", "ACCOUNT_RATE_LIMITS")
    configured = production_settings(
        "ALLAUTH_TRUSTED_PROXY_COUNT",
        "ACCOUNT_RATE_LIMITS",
        TRUSTED_PROXY_COUNT="0",
        SIGNUPS_PER_IP_PER_HOUR="5",
    )

    # docker-compose.yml puts nginx in front of gunicorn: one proxy by default.
    assert defaults["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert defaults["ACCOUNT_RATE_LIMITS"]["liaison_new_account"] == "3/h/ip"
    assert configured["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
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


def compose_services() -> dict:
    """Return the services of docker-compose.yml."""
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def gunicorn_settings() -> dict:
    """Return config/gunicorn.conf.py's settings, each checked by gunicorn's own validator."""
    config = GunicornConfig()
    settings = {
        name: value
        for name, value in runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py")).items()
        if name in config.settings
    }
    for name, value in settings.items():
        config.set(name, value)
    return {name: config.settings[name].get() for name in settings}


def nginx_directives() -> dict[str, list[str]]:
    """Return deploy/nginx.conf's simple directives: each name with its values, in order."""
    text = re.sub(r"#.*", "", (ROOT / "deploy" / "nginx.conf").read_text())
    directives: dict[str, list[str]] = {}
    for name, value in re.findall(r"^\s*([a-z_]+)\s+([^;{]*);", text, flags=re.MULTILINE):
        directives.setdefault(name, []).append(value.strip())
    return directives


def nginx_size(value: str) -> int:
    """Return an nginx size such as "5m" or "128k" in bytes."""
    number, unit = re.fullmatch(r"([0-9]+)([km]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


def test_docker_compose_names_existing_entry_points():
    services = compose_services()

    assert {"postgres", "redis", "web", "worker", "beat", "proxy"} <= set(services)
    for name in ("web", "worker", "beat"):
        command = services[name]["command"]
        if command[0] == "gunicorn":
            assert command[1:] == ["--config", "config/gunicorn.conf.py"]
            module, attribute = gunicorn_settings()["wsgi_app"].split(":")
            assert hasattr(importlib.import_module(module), attribute)
        else:
            assert command[:3] == ["celery", "-A", "config"]
            assert hasattr(importlib.import_module("config"), "celery_app")
        assert (
            services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        )


def test_only_the_proxy_publishes_a_port_and_it_runs_nginx_with_the_committed_config():
    # gunicorn published directly: six clients sending a header line every 5 s took
    # the site down for 67 s, and a 300 MB upload was read to its end.
    services = compose_services()

    assert [name for name, service in services.items() if "ports" in service] == ["proxy"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert (ROOT / "deploy" / "nginx.conf").is_file()
    assert "web" in proxy["depends_on"]


def test_the_proxy_serves_the_uploads_the_web_service_stores():
    services = compose_services()
    web_media = next(v for v in services["web"]["volumes"] if v.startswith("media:"))
    proxy_media = next(v for v in services["proxy"]["volumes"] if v.startswith("media:"))

    assert web_media == "media:/app/var/media"
    assert proxy_media == "media:/srv/media:ro"
    assert "alias /srv/media/" in (ROOT / "deploy" / "nginx.conf").read_text()


def test_nginx_caps_bodies_and_slow_clients_and_tells_the_client_address(settings):
    directives = nginx_directives()

    assert nginx_size(directives["client_max_body_size"][0]) == settings.LIAISON_REQUEST_MAX_BYTES
    assert settings.LIAISON_REQUEST_MAX_BYTES > settings.LIAISON_AVATAR_MAX_BYTES
    for timeout in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        assert 0 < int(directives[timeout][0].removesuffix("s")) <= 30
    count, size = directives["large_client_header_buffers"][0].split()
    assert int(count) <= 8
    assert nginx_size(size) <= 8 * 1024
    assert directives["proxy_buffering"] == ["on"]
    assert directives["proxy_request_buffering"] == ["on"]
    assert directives["keepalive_timeout"] and directives["keepalive_requests"]
    # With $host the port is lost, and every form post fails Django's CSRF origin check.
    assert "Host $http_host" in directives["proxy_set_header"]
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in directives["proxy_set_header"]
    assert "X-Forwarded-Proto $scheme" in directives["proxy_set_header"]
    assert directives["proxy_pass"] == ["http://web"]


def test_gunicorn_runs_threads_with_limits_that_nginx_matches():
    config = gunicorn_settings()
    directives = nginx_directives()
    _count, header_buffer = directives["large_client_header_buffers"][0].split()

    assert config["worker_class"] == "gthread"
    assert config["threads"] > 1
    assert config["workers"] >= 2
    assert 0 < config["graceful_timeout"] < 30  # docker-compose.yml: stop_grace_period 30s
    assert compose_services()["web"]["stop_grace_period"] == "30s"
    assert config["timeout"] > 0
    assert config["limit_request_line"] >= nginx_size(header_buffer) - 2
    assert config["limit_request_field_size"] >= nginx_size(header_buffer) - 2
    assert 20 <= config["limit_request_fields"] <= 100
    assert directives["server"] == [f"web:{config['bind'][0].rsplit(':', 1)[1]}"]


def test_the_image_starts_gunicorn_with_its_config():
    assert "gunicorn --config config/gunicorn.conf.py" in (ROOT / "Dockerfile").read_text()


def test_production_counts_a_client_by_the_address_the_proxy_saw():
    """allauth's rate limits read X-Forwarded-For's last entry, which nginx appends."""
    env = {
        **os.environ,
        "SECRET_KEY": "test",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    env.pop("TRUSTED_PROXY_COUNT", None)

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "1"


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
    assert {
        "accounts",
        "community",
        "notifications",
        "moderation",
        "feedback",
        "config",
    } <= searched
    assert not importers


#: The apps in the order their imports point (ARCHITECTURE.md): a module imports from its own
#: layer and the layers before it, never from one after it.
LAYERS = [
    ("accounts", "web"),
    ("community",),
    ("notifications",),
    ("moderation", "feedback"),
    ("api",),
    ("demo",),
]
#: Apps of one layer that never import each other.
APART = [{"moderation", "feedback"}]


def imports_between_apps() -> list[tuple[str, str, str]]:
    """Return (importing app, imported app, "file imports module") for every import of one
    of the apps of ``LAYERS`` by another, in every module of those apps."""
    apps_in_layers = {app for layer in LAYERS for app in layer}
    found = []
    for app in sorted(apps_in_layers):
        for path in sorted((ROOT / app).rglob("*.py")):
            for name in sorted(imported_modules(path)):
                imported = name.split(".")[0]
                if imported in apps_in_layers and imported != app:
                    found.append((app, imported, f"{path.relative_to(ROOT)} imports {name}"))
    return found


def test_every_app_of_the_project_has_its_place_in_the_layers():
    # The project's apps are folders at the repository's top, not packages in .venv.
    own_apps = {
        config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT
    }

    assert {app for layer in LAYERS for app in layer} == own_apps | {"web"}


def test_imports_between_apps_point_one_way():
    layer_of = {app: number for number, layer in enumerate(LAYERS) for app in layer}
    backwards = [
        statement
        for importer, imported, statement in imports_between_apps()
        if layer_of[imported] > layer_of[importer]
    ]

    assert imports_between_apps(), "the search finds the imports that are allowed"
    assert not backwards


def test_moderation_and_feedback_never_import_each_other():
    between = [
        statement
        for importer, imported, statement in imports_between_apps()
        if {importer, imported} in APART
    ]

    assert not between


def test_the_demo_comes_last_in_installed_apps():
    assert settings.INSTALLED_APPS[-1] == "demo"
    assert list(apps.get_app_configs())[-1].name == "demo"


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


# Feedback pages review: make run pointed e-mail links at a port it did not serve.
@pytest.mark.skipif(not shutil.which("make"), reason="needs GNU make")
@pytest.mark.parametrize(
    ("environment", "arguments", "expected"),
    [
        ({}, ["PORT=8777"], "http://127.0.0.1:8777"),
        ({}, ["HOST=localhost", "PORT=8001"], "http://localhost:8001"),
        ({"BASE_URL": "https://liaison.test"}, ["PORT=8777"], "https://liaison.test"),
    ],
)
def test_make_run_points_links_at_the_served_port_unless_base_url_is_set(
    environment, arguments, expected
):
    # Dry run: only the probe ("+" runs even under -n) executes, with run's variables.
    probe = ["--eval", "run: probe", "--eval", 'probe: ; +@echo "BASE_URL=$$BASE_URL"']
    env = {key: value for key, value in os.environ.items() if key != "BASE_URL"}
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), *probe, "run", *arguments],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"BASE_URL={expected}\n" in result.stdout
