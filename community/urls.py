from django.urls import path

from community.views import forum

app_name = "community"

urlpatterns = [
    path("", forum.index, name="index"),
    path("c/<slug:category_slug>/", forum.category_detail, name="category_detail"),
    path("c/<slug:category_slug>/new/", forum.start_thread, name="start_thread"),
    path("tags/<slug:tag_slug>/", forum.tag_detail, name="tag_detail"),
    path("t/<str:thread_slug>/<int:thread_id>/", forum.thread_detail, name="thread_detail"),
    path(
        "t/<str:thread_slug>/<int:thread_id>/<int:number>/",
        forum.post_permalink,
        name="post_permalink",
    ),
    path("t/<int:thread_id>/reply/", forum.reply, name="reply"),
    path("t/<int:thread_id>/posts/", forum.newer_posts, name="newer_posts"),
    path("t/<int:thread_id>/lock/", forum.lock_thread, name="lock_thread"),
    path("t/<int:thread_id>/pin/", forum.pin_thread, name="pin_thread"),
    path("p/<int:post_id>/edit/", forum.edit_post, name="edit_post"),
    path("p/<int:post_id>/history/", forum.post_history, name="post_history"),
    path("p/<int:post_id>/delete/", forum.delete_post, name="delete_post"),
    path("p/<int:post_id>/react/", forum.react, name="react"),
    path("p/<int:post_id>/accept/", forum.accept_answer, name="accept_answer"),
    path("u/<str:username>/", forum.profile, name="profile"),
]
