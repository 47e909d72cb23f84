from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from community import hooks
        from feedback import community_hooks

        if community_hooks.capture_link not in hooks.post_links:
            hooks.post_links.append(community_hooks.capture_link)
        if community_hooks.feedback_panel not in hooks.thread_panels:
            hooks.thread_panels.append(community_hooks.feedback_panel)
