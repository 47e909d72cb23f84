"""The kinds of notification feedback sends members, registered in ``FeedbackConfig.ready``.

Both read as the sentence feedback built in the recipient's language
(``notifications.registry.notice_message``).
"""

from django.utils.translation import gettext_lazy as _

from notifications import registry
from notifications.models import Channel

#: Supporters hear that the feedback they raised or support changed or was answered.
FEEDBACK_NOTICE = registry.NotificationKind(
    value="feedback",
    label=_("Answers to feedback I raised or support"),
    default_channel=Channel.EMAIL,
    message=registry.notice_message,
)

#: Staff hear of new feedback for their department, community managers of overdue or
#: unroutable feedback. Departments get their own e-mail per insight; staff read their
#: share in the app.
WORK_NOTICE = registry.NotificationKind(
    value="work",
    label=_("Work for my role (new feedback for my department, overdue feedback)"),
    default_channel=Channel.IN_APP,
    message=registry.notice_message,
)
