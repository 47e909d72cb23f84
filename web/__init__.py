"""Request and response plumbing that every app shares, with no domain noun in it.

What may live here: htmx helpers, pagination, CSV escaping, form helpers,
absolute URLs and request limits (body size, characters a path may hold).
What may not: anything that names a thread, a post, a member, a flag or any
other domain noun; such a piece belongs to the app that owns the noun. web
imports no app of the project, so that every app may import it (STYLE.md,
"Our layout").
"""
