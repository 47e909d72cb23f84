from django.urls import path

from moderation.views import audit, forum, items, manage, member_facing, members, queue

app_name = "moderation"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("bulk/", queue.bulk_action, name="bulk_action"),
    path("items/<int:item_id>/", items.item_detail, name="item_detail"),
    path("items/<int:item_id>/act/", items.item_action, name="item_action"),
    path("items/<int:item_id>/claim/", items.claim_item, name="claim_item"),
    path("items/<int:item_id>/appeal/", items.decide_appeal, name="decide_appeal"),
    path("members/<str:username>/", members.member_detail, name="member_detail"),
    path("members/<str:username>/notes/", members.add_note, name="add_note"),
    path("members/<str:username>/sanction/", members.sanction_member, name="sanction_member"),
    path("sanctions/<int:sanction_id>/lift/", members.lift_sanction, name="lift_sanction"),
    path("flag/<int:post_id>/", member_facing.flag_post, name="flag_post"),
    path("threads/<int:thread_id>/lock/", forum.lock_thread, name="lock_thread"),
    path("threads/<int:thread_id>/pin/", forum.pin_thread, name="pin_thread"),
    path("posts/<int:post_id>/edit/", forum.edit_post, name="edit_post"),
    path("posts/<int:post_id>/delete/", forum.delete_post, name="delete_post"),
    path("my-history/", member_facing.my_history, name="my_history"),
    path("my-history/<int:sanction_id>/appeal/", member_facing.appeal, name="appeal"),
    path("appeal/<str:token>/", member_facing.appeal_by_link, name="appeal_by_link"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/export.csv", audit.audit_csv, name="audit_csv"),
    path("audit/<int:entry_id>/revert/", audit.revert_entry, name="revert_entry"),
    path("rules/", manage.rule_list, name="rule_list"),
    path("rules/new/", manage.rule_edit, name="rule_create"),
    path("rules/<int:rule_id>/", manage.rule_edit, name="rule_edit"),
    path("reasons/", manage.canned_reasons, name="canned_reasons"),
    path("reasons/<int:reason_id>/", manage.canned_reasons, name="canned_reason_edit"),
    path("dashboard/", manage.dashboard, name="dashboard"),
]
