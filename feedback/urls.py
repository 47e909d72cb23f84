from django.urls import path

from feedback.views import capture, inbox, public, triage

app_name = "feedback"

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("export.csv", inbox.inbox_export, name="inbox_export"),
    path("insights/<int:insight_id>/", inbox.insight_detail, name="insight_detail"),
    path("insights/<int:insight_id>/status/", inbox.change_status, name="change_status"),
    path("insights/<int:insight_id>/assign/", inbox.assign, name="assign"),
    path("insights/<int:insight_id>/notes/", inbox.add_note, name="add_note"),
    path("insights/<int:insight_id>/answer/", inbox.answer, name="answer"),
    path("insights/<int:insight_id>/route/", inbox.route, name="route"),
    path("insights/<int:insight_id>/merge/", inbox.merge, name="merge"),
    path("insights/<int:insight_id>/support/", capture.support, name="support"),
    path("deliveries/<int:delivery_id>/retry/", inbox.retry_delivery, name="retry_delivery"),
    path("posts/<int:post_id>/capture/", capture.capture, name="capture"),
    path("triage/", triage.unrouted, name="unrouted"),
    path("insights/<int:insight_id>/retry-routing/", triage.retry_routing, name="retry_routing"),
    path("rules/", triage.rule_list, name="rule_list"),
    path("rules/new/", triage.rule_edit, name="rule_create"),
    path("rules/<int:rule_id>/edit/", triage.rule_edit, name="rule_edit"),
    path("rules/<int:rule_id>/move/", triage.rule_move, name="rule_move"),
    path("departments/", triage.department_list, name="department_list"),
    path("departments/new/", triage.department_edit, name="department_create"),
    path("departments/<int:department_id>/edit/", triage.department_edit, name="department_edit"),
    path("reports/", triage.reports, name="reports"),
    path("status/<slug:category_slug>/", public.status_page, name="status_page"),
    path("hooks/<slug:department_slug>/status/", public.tracker_hook, name="tracker_hook"),
]
