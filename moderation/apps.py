"""The moderation backoffice: flags, review queue, actions, audit log, sanctions, automod."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        """Register moderation's checks, links and tools with the forum, its notices' kind
        and its search documents."""
        from community import hooks
        from community.signals import post_blocked, post_created
        from moderation import community_hooks, posting_limits
        from moderation.services import search_index
        from moderation.services.notices import MODERATION_NOTICE
        from notifications import registry

        registry.register(MODERATION_NOTICE)
        for documents in (
            hooks.SearchDocuments("audit entries", search_index.rebuild_audit_entries),
            hooks.SearchDocuments("review items", search_index.rebuild_review_items),
        ):
            if documents not in hooks.search_documents:
                hooks.search_documents.append(documents)
        for check in (
            posting_limits.check_sandbox,
            posting_limits.check_post_limits,
            community_hooks.check_automod,
        ):
            if check not in hooks.post_checks:
                hooks.post_checks.append(check)
        # A moderator's "Edit" comes before "Flag", where the forum showed it.
        for links in (community_hooks.moderator_links, community_hooks.flag_links):
            if links not in hooks.post_links:
                hooks.post_links.append(links)
        if community_hooks.moderator_tools not in hooks.thread_tools:
            hooks.thread_tools.append(community_hooks.moderator_tools)
        post_created.connect(
            community_hooks.record_check_results, dispatch_uid="moderation.record_check_results"
        )
        post_blocked.connect(
            community_hooks.record_blocked_post, dispatch_uid="moderation.record_blocked_post"
        )
