from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.index, name="index"),
    path("c/<slug:category_slug>/", views.category_detail, name="category_detail"),
    path("c/<slug:category_slug>/new/", views.start_thread, name="start_thread"),
    path("tags/<slug:tag_slug>/", views.tag_detail, name="tag_detail"),
    path("t/<str:thread_slug>/<int:thread_id>/", views.thread_detail, name="thread_detail"),
    path(
        "t/<str:thread_slug>/<int:thread_id>/<int:number>/",
        views.post_permalink,
        name="post_permalink",
    ),
    path("t/<int:thread_id>/reply/", views.reply, name="reply"),
    path("t/<int:thread_id>/lock/", views.lock_thread, name="lock_thread"),
    path("t/<int:thread_id>/pin/", views.pin_thread, name="pin_thread"),
    path("p/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("p/<int:post_id>/history/", views.post_history, name="post_history"),
    path("p/<int:post_id>/delete/", views.delete_post, name="delete_post"),
    path("p/<int:post_id>/react/", views.react, name="react"),
    path("p/<int:post_id>/accept/", views.accept_answer, name="accept_answer"),
    path("u/<str:username>/", views.profile, name="profile"),
]
