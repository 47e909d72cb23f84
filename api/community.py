"""The forum over HTTP: categories, threads, posts, reactions and search.

Each view loads through ``community.selectors``, changes through
``community.services`` (which check ``community.permissions``) and answers with
a serializer; refusals become the one error shape in ``api.exceptions``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from community import permissions, selectors, services
from community.forms import SearchForm
from community.models import POSTS_PER_PAGE, Post, ReactionKind, Thread

#: Largest post number a cursor may name: a database integer, on SQLite and PostgreSQL.
MAX_POST_NUMBER = 2**31 - 1


class CategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    is_qa = serializers.BooleanField()
    thread_count = serializers.IntegerField()
    post_count = serializers.IntegerField()
    last_post_at = serializers.DateTimeField(allow_null=True)


class ThreadSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    category = serializers.CharField(source="category.slug")
    author = serializers.CharField(source="author.username")
    tags = serializers.SerializerMethodField()
    is_pinned = serializers.BooleanField()
    is_locked = serializers.BooleanField()
    is_pending_approval = serializers.BooleanField()
    reply_count = serializers.IntegerField()
    last_post_number = serializers.IntegerField()
    accepted_answer_id = serializers.IntegerField(allow_null=True)
    merged_into_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    last_post_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")

    def get_tags(self, thread: Thread) -> list[str]:
        return [tag.slug for tag in thread.tags.all()]


class ThreadDetailSerializer(ThreadSerializer):
    can_reply = serializers.SerializerMethodField()

    def get_can_reply(self, thread: Thread) -> bool:
        return permissions.can_reply(self.context["request"].user, thread)


class PostSerializer(serializers.Serializer):
    """A post as its viewer may see it: ``html`` is ``null`` for a deleted post and for one
    whose text only its author and the moderators see (``content_hidden``)."""

    id = serializers.IntegerField()
    thread_id = serializers.IntegerField()
    number = serializers.IntegerField()
    author = serializers.CharField(source="author.username")
    status = serializers.CharField()
    is_deleted = serializers.BooleanField()
    content_hidden = serializers.SerializerMethodField()
    html = serializers.SerializerMethodField()
    reactions = serializers.DictField(source="reaction_counts", child=serializers.IntegerField())
    my_reactions = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")

    def get_content_hidden(self, post: Post) -> bool:
        return not post.can_see_content

    def get_html(self, post: Post) -> str | None:
        if post.is_deleted or not post.can_see_content:
            return None
        return post.html

    def get_my_reactions(self, post: Post) -> list[str]:
        return sorted(post.viewer_reactions)


class PostPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = PostSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    """A found post: ``title_passage`` and ``body_passage`` are HTML, escaped, with the
    query's words in ``<mark>``."""

    id = serializers.IntegerField()
    number = serializers.IntegerField()
    thread_id = serializers.IntegerField()
    thread_title = serializers.CharField(source="thread.title")
    category = serializers.CharField(source="thread.category.slug")
    author = serializers.CharField(source="author.username")
    created_at = serializers.DateTimeField()
    title_passage = serializers.CharField(allow_null=True)
    body_passage = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class StartThreadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, trim_whitespace=False)
    body = serializers.CharField(trim_whitespace=False)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=10, required=False, default=list
    )


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField(trim_whitespace=False)


class EditPostSerializer(serializers.Serializer):
    body = serializers.CharField(trim_whitespace=False)
    title = serializers.CharField(max_length=200, required=False, trim_whitespace=False)
    reason = serializers.CharField(max_length=300, required=False, default="")


class ReactionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReactionKind.choices)


class ReactionResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    is_given = serializers.BooleanField()


class PostCursorSerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, max_value=MAX_POST_NUMBER, default=0)


class ThreadCursorPagination(CursorPagination):
    """Threads by latest activity, newest first; a cursor stays put while threads move."""

    ordering = ("-last_post_at", "-pk")
    page_size = 25


class SearchPagination(PageNumberPagination):
    page_size = settings.LIAISON_SEARCH_RESULTS_PER_PAGE


def _valid(serializer_class, data) -> dict:
    """Return ``data`` validated by ``serializer_class``; raise its errors (400)."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _shown_post(post: Post, viewer) -> Post:
    """Return ``post`` with what ``viewer`` may see and do attached, as lists show it."""
    selectors.attach_post_actions([post], thread=post.thread, viewer=viewer)
    return post


class ReadOrWriteAsMember(APIView):
    """A view whose GET anyone may ask for and whose POST needs a member (401 otherwise)."""

    def get_permissions(self):
        if self.request.method == "POST":
            return [*super().get_permissions(), IsAuthenticated()]
        return super().get_permissions()


class CategoryList(APIView):
    """The categories the viewer sees, in the index page's order."""

    @extend_schema(responses=CategorySerializer(many=True))
    def get(self, request):
        categories = selectors.list_categories(viewer=request.user)
        return Response(CategorySerializer(categories, many=True).data)


class CategoryThreads(ReadOrWriteAsMember):
    """A category's threads (GET, cursor pagination) and a new thread in it (POST)."""

    @extend_schema(responses=ThreadSerializer(many=True))
    def get(self, request, category_slug: str):
        category = selectors.get_category(category_slug=category_slug, viewer=request.user)
        threads = selectors.list_threads(viewer=request.user, category=category)
        paginator = ThreadCursorPagination()
        page = paginator.paginate_queryset(threads, request, view=self)
        return paginator.get_paginated_response(ThreadSerializer(page, many=True).data)

    @extend_schema(request=StartThreadSerializer, responses={201: ThreadDetailSerializer})
    def post(self, request, category_slug: str):
        category = selectors.get_category(category_slug=category_slug, viewer=request.user)
        data = _valid(StartThreadSerializer, request.data)
        thread = services.start_thread(author=request.user, category=category, **data)
        thread = selectors.get_thread(thread_id=thread.pk, viewer=request.user)
        serializer = ThreadDetailSerializer(thread, context={"request": request})
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class ThreadDetail(APIView):
    """One thread the viewer sees."""

    @extend_schema(responses=ThreadDetailSerializer)
    def get(self, request, thread_id: int):
        thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
        return Response(ThreadDetailSerializer(thread, context={"request": request}).data)


class ThreadPosts(ReadOrWriteAsMember):
    """A thread's posts after the post numbered ``after`` (GET) and a reply (POST).

    The cursor is a post number: ``next`` names the following page, ``null``
    after the last post. Posts the viewer may not see are left out, so a page
    may hold fewer than its size.
    """

    @extend_schema(
        parameters=[OpenApiParameter("after", int, description="The last post number read.")],
        responses=PostPageSerializer,
    )
    def get(self, request, thread_id: int):
        thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
        after = _valid(PostCursorSerializer, request.query_params)["after"]
        posts = selectors.list_posts_after(thread=thread, after=after, viewer=request.user)
        last = after + POSTS_PER_PAGE
        next_url = None
        if last < thread.last_post_number:
            url = reverse("api:thread_posts", kwargs={"thread_id": thread.pk}, request=request)
            next_url = f"{url}?after={last}"
        page = {"next": next_url, "results": PostSerializer(posts, many=True).data}
        return Response(page)

    @extend_schema(request=ReplySerializer, responses={201: PostSerializer})
    def post(self, request, thread_id: int):
        thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
        data = _valid(ReplySerializer, request.data)
        post = services.reply_to_thread(author=request.user, thread=thread, body=data["body"])
        data = PostSerializer(_shown_post(post, request.user)).data
        return Response(data, status=status.HTTP_201_CREATED)


class PostDetail(APIView):
    """Edit (PATCH) or delete (DELETE) one's own post, as the forum's own pages allow.

    A moderator changes other members' posts through moderation, which records
    the change in the audit log; the API does not offer that yet (403).
    """

    permission_classes = [*APIView.permission_classes, IsAuthenticated]

    @extend_schema(request=EditPostSerializer, responses=PostSerializer)
    def patch(self, request, post_id: int):
        post = selectors.get_post(post_id=post_id, viewer=request.user)
        permissions.check_can_edit_own_post(request.user, post)
        data = _valid(EditPostSerializer, request.data)
        post = services.edit_post(editor=request.user, post=post, **data)
        return Response(PostSerializer(_shown_post(post, request.user)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, post_id: int):
        post = selectors.get_post(post_id=post_id, viewer=request.user)
        permissions.check_can_delete_own_post(request.user, post)
        services.delete_post(actor=request.user, post=post)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostReactions(APIView):
    """Give a reaction to a post, or take it back if given (a toggle, as the page's button)."""

    permission_classes = [*APIView.permission_classes, IsAuthenticated]

    @extend_schema(request=ReactionSerializer, responses=ReactionResultSerializer)
    def post(self, request, post_id: int):
        post = selectors.get_post(post_id=post_id, viewer=request.user)
        kind = _valid(ReactionSerializer, request.data)["kind"]
        is_given = services.toggle_reaction(user=request.user, post=post, kind=kind)
        return Response({"kind": kind, "is_given": is_given})


class Search(APIView):
    """The posts matching ``q`` that the viewer may find, one per thread, best first.

    Reads the search page's parameters (``q``, ``category``, ``tag``,
    ``author``, ``after``, ``before``, ``sort`` ...) through its form; a query
    the parser refuses is 400 with its message under ``errors.q``.
    """

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request):
        form = SearchForm(request.query_params, viewer=request.user)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        query = form.cleaned_data["query"]
        if query is None:
            raise ValidationError({"q": [_("Enter the words to search for.")]})
        results = selectors.search_posts(
            viewer=request.user,
            query=query,
            filters=form.filters(),
            sort=form.cleaned_data["sort"],
        )
        paginator = SearchPagination()
        page = paginator.paginate_queryset(results, request, view=self)
        selectors.attach_passages(page, query)
        return paginator.get_paginated_response(SearchResultSerializer(page, many=True).data)
