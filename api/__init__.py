"""The REST API under /api/v1/: the domain apps' selectors, permissions and services over HTTP."""
