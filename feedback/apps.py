from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from community import hooks
        from community.signals import post_edited
        from feedback import community_hooks
        from feedback.notices import FEEDBACK_NOTICE, WORK_NOTICE
        from feedback.reports import register_sqlite_functions
        from feedback.services.search_index import rebuild_insights
        from notifications import registry

        registry.register(FEEDBACK_NOTICE)
        registry.register(WORK_NOTICE)
        if community_hooks.capture_link not in hooks.post_links:
            hooks.post_links.append(community_hooks.capture_link)
        if community_hooks.feedback_panel not in hooks.thread_panels:
            hooks.thread_panels.append(community_hooks.feedback_panel)
        insights = hooks.SearchDocuments("insights", rebuild_insights)
        if insights not in hooks.search_documents:
            hooks.search_documents.append(insights)
        post_edited.connect(
            community_hooks.reindex_edited_post, dispatch_uid="feedback.reindex_edited_post"
        )
        # Every SQLite connection needs the aggregate that the reports' Median calls.
        connection_created.connect(
            register_sqlite_functions, dispatch_uid="feedback.register_sqlite_functions"
        )
