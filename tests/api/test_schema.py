"""The OpenAPI document and its documentation page."""

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_schema_is_an_openapi_3_1_document_of_every_endpoint():
    response = client_for().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert {"title", "version"} <= set(document["info"])
    assert set(document["paths"]) == {
        "/api/v1/me/",
        "/api/v1/categories/",
        "/api/v1/categories/{category_slug}/threads/",
        "/api/v1/threads/{thread_id}/",
        "/api/v1/threads/{thread_id}/posts/",
        "/api/v1/posts/{post_id}/",
        "/api/v1/posts/{post_id}/reactions/",
        "/api/v1/search/",
    }
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())


def test_the_schema_validates_as_openapi():
    response = client_for().get("/api/schema/")

    validate_schema(yaml.safe_load(response.content))


def test_the_schema_is_generated_without_a_warning(tmp_path):
    # A view drf-spectacular cannot describe (an unknown authenticator, an untyped
    # field) is only a warning when the schema is served: fail on it here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "api.yaml")


def test_the_documentation_loads_its_files_from_our_static_files():
    response = client_for().get("/api/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in page.lower()
    assert (
        settings.STATIC_URL + "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    )
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
