"""Django admin for the forum: reading, searching, and editing categories for now."""

from django.contrib import admin

from community.models import (
    Category,
    Post,
    PostRevision,
    Reaction,
    Tag,
    Thread,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "visibility", "is_qa", "is_feedback_welcome",
                    "thread_count", "post_count", "last_post_at"]  # fmt: skip
    list_editable = ["position", "visibility", "is_qa", "is_feedback_welcome"]
    list_filter = ["visibility", "is_qa", "is_feedback_welcome"]
    list_select_related = ["last_thread"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["thread_count", "post_count", "last_post_at", "last_thread"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "author", "is_pinned", "is_locked", "reply_count",
                    "last_post_at"]  # fmt: skip
    list_filter = ["category", "is_pinned", "is_locked"]
    list_select_related = ["category", "author"]
    search_fields = ["title", "author__username", "author__email"]
    raw_id_fields = ["author", "last_poster", "accepted_answer", "category"]
    readonly_fields = ["last_post_number", "reply_count", "last_post_at", "created_at"]
    filter_horizontal = ["tags"]
    date_hierarchy = "last_post_at"


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    readonly_fields = ["number", "body", "editor", "created_at"]
    can_delete = False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "is_deleted"]
    list_filter = ["is_deleted", "thread__category"]
    list_select_related = ["thread", "author"]
    search_fields = ["body", "author__username", "thread__title"]
    raw_id_fields = ["thread", "author", "deleted_by"]
    readonly_fields = ["html", "number", "created_at", "edited_at", "revision_count"]
    inlines = [RevisionInline]
    date_hierarchy = "created_at"


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    list_display = ["kind", "post", "user", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["post__thread", "user"]
    raw_id_fields = ["post", "user"]
