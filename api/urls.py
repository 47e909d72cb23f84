"""The API's URLs: the OpenAPI schema and its documentation, and version 1 under /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import accounts, community

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's script as a file of its own instead of inline,
    # so that a Content-Security-Policy without 'unsafe-inline' lets it run.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/me/", accounts.Me.as_view(), name="me"),
    path("v1/categories/", community.CategoryList.as_view(), name="categories"),
    path(
        "v1/categories/<str:category_slug>/threads/",
        community.CategoryThreads.as_view(),
        name="category_threads",
    ),
    path("v1/threads/<int:thread_id>/", community.ThreadDetail.as_view(), name="thread"),
    path("v1/threads/<int:thread_id>/posts/", community.ThreadPosts.as_view(), name="thread_posts"),
    path("v1/posts/<int:post_id>/", community.PostDetail.as_view(), name="post"),
    path(
        "v1/posts/<int:post_id>/reactions/",
        community.PostReactions.as_view(),
        name="post_reactions",
    ),
    path("v1/search/", community.Search.as_view(), name="search"),
]
