from django.urls import path

from community.feeds import CategoryFeed, LatestThreadsFeed, TagFeed, ThreadFeed
from community.views import posts, profiles, search, threads

app_name = "community"

urlpatterns = [
    path("", threads.index, name="index"),
    path("feed/", LatestThreadsFeed(), name="latest_feed"),
    path("c/<slug:category_slug>/", threads.category_detail, name="category_detail"),
    path("c/<slug:category_slug>/feed/", CategoryFeed(), name="category_feed"),
    path("c/<slug:category_slug>/new/", threads.start_thread, name="start_thread"),
    path(
        "c/<slug:category_slug>/new/similar/",
        search.similar_threads,
        name="similar_threads",
    ),
    path("tags/<slug:tag_slug>/", threads.tag_detail, name="tag_detail"),
    path("tags/<slug:tag_slug>/feed/", TagFeed(), name="tag_feed"),
    path("t/<str:thread_slug>/<int:thread_id>/", threads.thread_detail, name="thread_detail"),
    path("t/<str:thread_slug>/<int:thread_id>/feed/", ThreadFeed(), name="thread_feed"),
    path(
        "t/<str:thread_slug>/<int:thread_id>/<int:number>/",
        posts.post_permalink,
        name="post_permalink",
    ),
    path("t/<int:thread_id>/reply/", posts.reply, name="reply"),
    path("t/<int:thread_id>/posts/", posts.newer_posts, name="newer_posts"),
    path("p/<int:post_id>/edit/", posts.edit_post, name="edit_post"),
    path("p/<int:post_id>/history/", posts.post_history, name="post_history"),
    path("p/<int:post_id>/delete/", posts.delete_post, name="delete_post"),
    path("p/<int:post_id>/react/", posts.react, name="react"),
    path("p/<int:post_id>/accept/", posts.accept_answer, name="accept_answer"),
    path("u/<str:username>/", profiles.profile, name="profile"),
    path("search/", search.search, name="search"),
]
