"""Request and response plumbing that every app shares, with no domain noun in it.

What may live here: htmx helpers (``web.htmx``), pagination (``web.pagination``),
CSV escaping (``web.csv``), form helpers (``web.forms``), absolute URLs
(``web.links``), the admin's read-only changelist (``web.admin``), request
limits: body size, characters a path may hold (``web.middleware``), and rate
limits (``web.ratelimit``).
What may not: anything that names a thread, a post, a member, a flag or any
other domain noun; such a piece belongs to the app that owns the noun. web
imports only Django, the standard library and third-party packages, no app of
the project, so that every app may import it (docs/style.md, "Shape of an app";
tests/web/test_imports.py holds it to that).
"""
