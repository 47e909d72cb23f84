from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        """Register the forum's kinds and tools, and listen to the forum's signals."""
        from community import hooks
        from community.signals import answer_accepted, post_created, post_published, reaction_added
        from notifications import community_hooks, receivers, registry
        from notifications.kinds import FORUM_KINDS

        for kind in FORUM_KINDS:
            registry.register(kind)
        if community_hooks.follow_button not in hooks.thread_tools:
            hooks.thread_tools.append(community_hooks.follow_button)
        if community_hooks.watch_button not in hooks.category_tools:
            hooks.category_tools.append(community_hooks.watch_button)
        post_created.connect(
            receivers.follow_own_post, dispatch_uid="notifications.follow_own_post"
        )
        post_published.connect(
            receivers.schedule_post_notifications,
            dispatch_uid="notifications.schedule_post_notifications",
        )
        reaction_added.connect(
            receivers.schedule_reaction_notification,
            dispatch_uid="notifications.schedule_reaction_notification",
        )
        answer_accepted.connect(
            receivers.schedule_accepted_answer_notification,
            dispatch_uid="notifications.schedule_accepted_answer_notification",
        )
