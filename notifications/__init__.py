"""Who hears about what: following, watching, notifications, preferences, e-mail and digests.

Sits between community and the apps above it: community announces what
happened in the forum through ``community.signals``, and moderation and
feedback call ``notifications.services`` for their own notices, each app
registering its kinds in ``notifications.registry``.
"""
