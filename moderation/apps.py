"""The moderation backoffice: flags, review queue, actions, audit log, sanctions, automod."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        """Register moderation's checks and links with the forum, and its notices' kind."""
        from community import hooks
        from community.signals import moderator_acted, post_blocked, post_created
        from moderation import checks
        from moderation.services import audit
        from moderation.services.notices import MODERATION_NOTICE
        from notifications import registry

        registry.register(MODERATION_NOTICE)
        for check in (checks.check_sandbox, checks.check_post_limits, checks.check_automod):
            if check not in hooks.post_checks:
                hooks.post_checks.append(check)
        if checks.flag_links not in hooks.post_links:
            hooks.post_links.append(checks.flag_links)
        post_created.connect(
            checks.record_check_results, dispatch_uid="moderation.record_check_results"
        )
        moderator_acted.connect(
            audit.record_forum_action, dispatch_uid="moderation.record_forum_action"
        )
        post_blocked.connect(
            checks.record_blocked_post, dispatch_uid="moderation.record_blocked_post"
        )
