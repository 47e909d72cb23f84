"""factory_boy factories for the forum: categories, tags, threads and replies.

``ThreadFactory`` writes the rows that ``community.services.start_thread``
writes (the thread, its first post and its search document, the counters on category and author, the
author following it, as notifications does on ``post_created``), so
that tests of everything else do not depend on that one service. Replies go
through ``community.services.reply_to_thread`` itself.
"""

import factory
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from community import services
from community.models import Category, MemberActivity, Post, Tag, Thread, Visibility
from community.services.posts import render_body
from community.services.search_index import index_posts
from community.slugs import slug_for_title
from notifications import services as notifications
from tests.accounts.factories import UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    """A public category."""

    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    description = "Talk about anything."
    visibility = Visibility.PUBLIC


class TagFactory(factory.django.DjangoModelFactory):
    """A tag whose slug follows its name."""

    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.LazyAttribute(lambda tag: slugify(tag.name))


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread with its first post by a verified member, counted as start_thread counts it.

    ``body`` is the first post's Markdown; ``tags`` a list of ``Tag``.
    """

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Question number {n} about the product")
    slug = factory.LazyAttribute(lambda thread: slug_for_title(thread.title))
    body = factory.Faker("paragraph")

    @classmethod
    def _create(cls, model_class, *args, body: str = "", **kwargs):
        now = kwargs.pop("created_at", None) or timezone.now()
        author: User = kwargs["author"]
        thread = model_class.objects.create(
            created_at=now, last_post_at=now, last_post_number=1, last_poster=author, **kwargs
        )
        post = Post.objects.create(
            thread=thread,
            number=1,
            author=author,
            body=body,
            html=render_body(body).html,
            created_at=now,
        )
        index_posts([post.pk])
        Category.objects.filter(pk=thread.category_id).update(
            thread_count=F("thread_count") + 1,
            post_count=F("post_count") + 1,
            last_post_at=now,
            last_thread=thread,
        )
        User.objects.filter(pk=author.pk).update(post_count=F("post_count") + 1)
        MemberActivity.objects.get_or_create(user=author)
        MemberActivity.objects.filter(user=author).update(threads_created=F("threads_created") + 1)
        notifications.follow_thread(user=author, thread=thread)
        return thread

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class PostFactory(factory.Factory):
    """A reply, written through ``community.services.reply_to_thread``."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("paragraph")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.reply_to_thread(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Replies exist only once reply_to_thread has stored them.")


def first_post(thread: Thread) -> Post:
    """Return the post that opens ``thread``."""
    return Post.objects.select_related("thread__category", "author").get(thread=thread, number=1)


def reload(post: Post) -> Post:
    """Return a fresh copy of ``post`` with its thread and category, as views load it."""
    return Post.objects.select_related("thread__category", "author").get(pk=post.pk)
