"""How the forum's views tell an htmx request from a full page load."""


def is_htmx(request) -> bool:
    """Return whether ``request`` was sent by htmx (it wants a partial, not a page)."""
    return request.headers.get("HX-Request") == "true"
