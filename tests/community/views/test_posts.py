"""community.views.posts: permalinks, replies, newer posts, edits, history, deletion,
reactions and accepted answers."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community import services
from community.models import (
    POSTS_PER_PAGE,
    Post,
    PostRevision,
    Reaction,
    Visibility,
)
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.community.conftest import (
    LOGIN_URL,
    assert_refused,
    form_token,
    permalink,
    signed_in,
    signed_in_client,
    text,
    thread_url,
)
from tests.community.factories import (
    PostFactory,
    ThreadFactory,
    first_post,
    reload,
)

pytestmark = pytest.mark.django_db


# permalinks -------------------------------------------------------------------------------


def test_a_permalink_redirects_to_the_page_of_the_post(client):
    thread = ThreadFactory()
    for _ in range(POSTS_PER_PAGE + 1):
        PostFactory(thread=thread)
    url = reverse("community:post_permalink", args=[thread.slug, thread.pk, POSTS_PER_PAGE + 2])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == thread_url(thread) + f"?page=2#post-{POSTS_PER_PAGE + 2}"


def test_a_permalink_to_the_first_post_opens_page_one(client):
    thread = ThreadFactory()

    response = client.get(reverse("community:post_permalink", args=[thread.slug, thread.pk, 1]))

    assert response.url == thread_url(thread) + "?page=1#post-1"


def test_a_permalink_to_a_post_number_that_does_not_exist_is_404(client):
    thread = ThreadFactory()

    response = client.get(reverse("community:post_permalink", args=[thread.slug, thread.pk, 2]))

    assert response.status_code == 404


def test_a_permalink_into_a_hidden_category_is_404(client):
    signed_in(client)
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    response = client.get(reverse("community:post_permalink", args=[thread.slug, thread.pk, 1]))

    assert response.status_code == 404


# reply ------------------------------------------------------------------------------------


def reply_url(thread) -> str:
    return reverse("community:reply", args=[thread.pk])


def test_a_member_replies_and_lands_on_the_new_post(client):
    author = signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Count me **in**"})

    post = Post.objects.get(thread=thread, number=2)
    assert response.status_code == 302
    assert response.url == permalink(post)
    assert post.author == author
    final = client.get(response.url, follow=True)
    assert "Count me <strong>in</strong>" in text(final)


def test_a_reply_of_code_that_stalled_pygments_is_saved_as_plain_code(client, settings):
    # Issue 10: highlighting this with Pygments inside the request took over a minute.
    signed_in(client)
    thread = ThreadFactory()
    fence = "```csharp\n```"
    lines = (settings.LIAISON_POST_MAX_LENGTH - len(fence)) // 2
    body = fence.replace("\n", "\n" + "a\n" * lines)

    response = client.post(reply_url(thread), {"body": body})

    post = Post.objects.get(thread=thread, number=2)
    assert response.status_code == 302
    assert response.url == permalink(post)
    assert post.html.startswith('<pre><code class="language-csharp">a\na\n')


def test_an_htmx_reply_answers_the_new_post_alone(client):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Quick one"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    content = text(response)
    assert 'id="post-2"' in content
    assert "Quick one" in content
    assert "<html" not in content


def test_the_reply_url_refuses_a_get(client):
    signed_in(client)

    assert client.get(reply_url(ThreadFactory())).status_code == 405


def test_a_visitor_is_sent_to_sign_in_before_replying(client):
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Hi"})

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert thread.posts.count() == 1


def test_replying_to_a_locked_thread_is_refused(client):
    signed_in(client)
    thread = ThreadFactory(is_locked=True)

    response = client.post(reply_url(thread), {"body": "Let me in"})

    assert_refused(response, "This thread is locked.")
    assert thread.posts.count() == 1


def test_a_moderator_replies_to_a_locked_thread(client):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory(is_locked=True)

    assert client.post(reply_url(thread), {"body": "Closing words"}).status_code == 302
    assert thread.posts.count() == 2


def test_an_unverified_member_is_told_to_confirm_their_email_before_replying(client):
    signed_in(client, verified=False)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Hi"})

    assert_refused(response, "Confirm your e-mail address before you post.")
    assert thread.posts.count() == 1


def test_replying_in_an_internal_category_is_404_for_a_member(client):
    signed_in(client)
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    assert client.post(reply_url(thread), {"body": "Peek"}).status_code == 404
    assert thread.posts.count() == 1


def test_replying_to_an_unknown_thread_is_404(client):
    signed_in(client)

    assert client.post(reverse("community:reply", args=[999]), {"body": "Hi"}).status_code == 404


def test_an_empty_reply_shows_a_field_error(client):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "   "})

    assert response.status_code == 400
    content = text(response)
    assert "field-error" in content
    assert "Write something first." in content
    assert thread.posts.count() == 1


def test_a_reply_over_the_length_limit_is_refused_and_the_text_kept(client, settings):
    settings.LIAISON_POST_MAX_LENGTH = 100
    signed_in(client)
    thread = ThreadFactory()
    body = "My long story " + "z" * 100

    response = client.post(reply_url(thread), {"body": body})

    assert response.status_code == 400
    content = text(response)
    assert "at most 100 characters" in content
    assert body in content
    assert thread.posts.count() == 1


def test_a_reply_over_the_forms_limit_is_refused(client, settings):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(
        reply_url(thread), {"body": "z" * (settings.LIAISON_POST_MAX_LENGTH + 1)}
    )

    assert response.status_code == 400
    assert thread.posts.count() == 1


def test_an_invalid_htmx_reply_shows_the_errors_in_the_form(client):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": ""}, headers={"HX-Request": "true"})

    assert response["HX-Retarget"] == "#reply-form"
    assert "Write something first." in text(response)
    assert thread.posts.count() == 1


# newer posts (htmx) -----------------------------------------------------------------------


def newer_url(thread, after) -> str:
    return reverse("community:newer_posts", args=[thread.pk]) + f"?after={after}"


def test_newer_posts_answers_the_posts_after_a_number(client):
    thread = ThreadFactory()
    PostFactory(thread=thread, body="Second post")
    PostFactory(thread=thread, body="Third post")

    response = client.get(newer_url(thread, 2), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Third post" in text(response)
    assert "Second post" not in text(response)


def test_newer_posts_without_htmx_redirects_to_the_page(client):
    thread = ThreadFactory()

    response = client.get(newer_url(thread, 1))

    assert response.status_code == 302
    assert response.url == thread_url(thread) + "?page=1"


@pytest.mark.parametrize("after", ["abc", "-1", ""])
def test_newer_posts_after_garbage_is_404(client, after):
    response = client.get(newer_url(ThreadFactory(), after), headers={"HX-Request": "true"})

    assert response.status_code == 404


def test_newer_posts_in_a_hidden_category_is_404(client):
    thread = ThreadFactory(category__visibility=Visibility.MEMBERS)

    assert client.get(newer_url(thread, 0), headers={"HX-Request": "true"}).status_code == 404


# edit -------------------------------------------------------------------------------------


def edit_url(post) -> str:
    return reverse("community:edit_post", args=[post.pk])


def test_the_author_sees_the_edit_form_filled_with_the_post(client):
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Typo teh")
    signed_in(client, post.author)

    response = client.get(edit_url(post))

    assert response.status_code == 200
    assert "Typo teh" in text(response)
    assert 'name="title"' not in text(response)


def test_the_author_edits_a_reply_and_lands_on_it(client):
    post = PostFactory(body="Typo teh")
    signed_in(client, post.author)

    response = client.post(edit_url(post), {"body": "Typo the"})

    assert response.status_code == 302
    assert response.url == permalink(post)
    post = reload(post)
    assert post.body == "Typo the"
    assert post.revision_count == 2


def test_the_author_renames_the_thread_by_editing_its_first_post(client):
    thread = ThreadFactory(title="Old title here", body="Body")
    signed_in(client, thread.author)
    post = first_post(thread)

    response = client.post(edit_url(post), {"title": "New title here", "body": "Body"})

    thread.refresh_from_db()
    assert response.status_code == 302
    assert thread.title == "New title here"
    assert client.get(response.url).url == thread_url(thread) + "?page=1#post-1"
    old = client.get(reverse("community:thread_detail", args=["old-title-here", thread.pk]))
    assert old.status_code == 301


def test_a_visitor_is_sent_to_sign_in_before_editing(client):
    post = PostFactory()

    response = client.get(edit_url(post))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_editing_someone_elses_post_is_refused(client):
    post = PostFactory(body="Not yours")
    signed_in(client)

    response = client.post(edit_url(post), {"body": "Mine now"})

    assert_refused(response, "You can only edit your own posts.")
    assert reload(post).body == "Not yours"


def test_editing_after_the_edit_window_is_refused(client, settings):
    post = PostFactory(body="Too late")
    window = timedelta(seconds=settings.LIAISON_POST_EDIT_WINDOW_SECONDS)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - window - timedelta(1))
    signed_in(client, post.author)

    response = client.post(edit_url(post), {"body": "Rewritten history"})

    assert_refused(response, "The time for editing this post has passed.")
    assert reload(post).body == "Too late"


def test_editing_a_post_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))
    signed_in(client)

    assert client.get(edit_url(post)).status_code == 404


def test_editing_an_unknown_post_is_404(client):
    signed_in(client)

    assert client.get(reverse("community:edit_post", args=[999])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Still fine", "body": ""}, "Write something first."),
        ({"title": "", "body": "Still here"}, "This field is required."),
        ({"title": "ab", "body": "Still here"}, "at least 3 characters"),
    ],
)
def test_an_invalid_edit_shows_field_errors_and_changes_nothing(client, data, message):
    thread = ThreadFactory(title="Original title", body="Original body")
    signed_in(client, thread.author)

    response = client.post(edit_url(first_post(thread)), data)

    assert response.status_code == 400
    assert "field-error" in text(response)
    assert message in text(response)
    thread.refresh_from_db()
    assert thread.title == "Original title"
    assert first_post(thread).body == "Original body"
    assert not PostRevision.objects.exists()


# history ----------------------------------------------------------------------------------


def history_url(post) -> str:
    return reverse("community:post_history", args=[post.pk])


def edited_post(*bodies):
    post = reload(PostFactory(body=bodies[0]))
    for body in bodies[1:]:
        services.edit_post(editor=post.author, post=reload(post), body=body)
    return reload(post)


def test_history_shows_every_revision_with_its_changes(client):
    post = edited_post("first line\nsecond line", "first line\nsecond line, better")

    response = client.get(history_url(post))

    assert response.status_code == 200
    content = text(response)
    assert "Original" in content
    assert "Revision 2" in content
    assert "<del>- second line</del>" in content
    assert "<ins>+ second line, better</ins>" in content


def test_history_of_an_unedited_post_says_so(client):
    post = PostFactory()

    assert "This post has not been edited." in text(client.get(history_url(post)))


def test_history_of_a_post_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))

    assert client.get(history_url(post)).status_code == 404


def test_history_of_an_unknown_post_is_404(client):
    assert client.get(reverse("community:post_history", args=[999])).status_code == 404


def test_history_of_a_deleted_post_does_not_show_its_text(client):
    post = edited_post("My phone number is 555-0100", "My phone number is 555-0199")
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    signed_in(client)

    response = client.get(history_url(post))

    assert "555-01" not in text(response)


# delete -----------------------------------------------------------------------------------


def delete_url(post) -> str:
    return reverse("community:delete_post", args=[post.pk])


def test_the_author_deletes_a_post_and_a_placeholder_stays(client):
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Oops wrong thread")
    signed_in(client, post.author)

    response = client.post(delete_url(post))

    assert response.status_code == 302
    assert response.url == permalink(post)
    content = text(client.get(response.url, follow=True))
    assert "This post has been deleted." in content
    assert "Oops wrong thread" not in content


def test_the_delete_url_refuses_a_get_and_deletes_nothing(client):
    post = PostFactory()
    signed_in(client, post.author)

    assert client.get(delete_url(post)).status_code == 405
    assert not reload(post).is_deleted


def test_a_visitor_is_sent_to_sign_in_before_deleting(client):
    post = PostFactory()

    response = client.post(delete_url(post))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert not reload(post).is_deleted


def test_deleting_someone_elses_post_is_refused(client):
    post = PostFactory()
    signed_in(client)

    assert_refused(client.post(delete_url(post)), "You can only delete your own posts.")
    assert not reload(post).is_deleted


def test_deleting_a_deleted_post_again_is_refused(client):
    post = PostFactory()
    signed_in(client, post.author)
    client.post(delete_url(post))

    assert_refused(client.post(delete_url(post)), "This post has already been deleted.")


def test_deleting_a_post_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))
    signed_in(client)

    assert client.post(delete_url(post)).status_code == 404
    assert not reload(post).is_deleted


# react ------------------------------------------------------------------------------------


def react_url(post) -> str:
    return reverse("community:react", args=[post.pk])


def test_a_member_likes_a_post_and_sees_the_count(client):
    thread = ThreadFactory()
    post = first_post(thread)
    fan = signed_in(client)

    response = client.post(react_url(post), {"kind": "like"})

    assert response.status_code == 302
    assert response.url == permalink(post)
    assert Reaction.objects.filter(post=post, user=fan, kind="like").exists()
    content = text(client.get(thread_url(thread)))
    assert 'class="reaction reaction-given" aria-pressed="true" title="Like"' in content


def test_reacting_twice_takes_the_reaction_back(client):
    post = first_post(ThreadFactory())
    signed_in(client)

    client.post(react_url(post), {"kind": "thanks"})
    client.post(react_url(post), {"kind": "thanks"})

    assert not Reaction.objects.exists()


def test_an_htmx_reaction_answers_the_reactions_alone(client):
    post = first_post(ThreadFactory())
    signed_in(client)

    response = client.post(react_url(post), {"kind": "funny"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert f'id="reactions-{post.pk}"' in text(response)
    assert 'aria-pressed="true" title="Funny"' in text(response)


def test_reacting_to_ones_own_post_is_refused(client):
    post = first_post(ThreadFactory())
    signed_in(client, post.author)

    assert_refused(
        client.post(react_url(post), {"kind": "like"}), "You cannot react to your own post."
    )
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("kind", ["", "love", "LIKE"])
def test_an_unknown_reaction_is_a_bad_request(client, kind):
    post = first_post(ThreadFactory())
    signed_in(client)

    assert client.post(react_url(post), {"kind": kind}).status_code == 400
    assert not Reaction.objects.exists()


def test_a_visitor_is_sent_to_sign_in_before_reacting(client):
    post = first_post(ThreadFactory())

    response = client.post(react_url(post), {"kind": "like"})

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_reacting_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))
    signed_in(client)

    assert client.post(react_url(post), {"kind": "like"}).status_code == 404


# accept an answer -------------------------------------------------------------------------


def accept_url(post) -> str:
    return reverse("community:accept_answer", args=[post.pk])


def test_the_asker_accepts_an_answer_and_the_thread_shows_it(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread, body="Use the export button")
    signed_in(client, thread.author)

    response = client.post(accept_url(answer))

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.accepted_answer_id == answer.pk
    content = text(client.get(thread_url(thread)))
    assert "Solved" in content
    assert "Accepted answer by" in content
    assert "Unaccept answer" in content


def test_the_asker_takes_the_acceptance_back(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread)
    signed_in(client, thread.author)
    client.post(accept_url(answer))

    client.post(accept_url(answer), {"undo": "1"})

    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_someone_else_cannot_accept_an_answer(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread)
    signed_in(client)

    response = client.post(accept_url(answer))

    assert_refused(response, "Only the person who asked or staff can accept an answer.")
    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_accepting_outside_q_and_a_is_refused(client):
    thread = ThreadFactory()
    answer = PostFactory(thread=thread)
    signed_in(client, thread.author)

    assert_refused(
        client.post(accept_url(answer)), "Only questions in Q&A categories have accepted answers."
    )


def test_accepting_the_question_itself_is_refused(client):
    thread = ThreadFactory(category__is_qa=True)
    signed_in(client, thread.author)

    assert_refused(
        client.post(accept_url(first_post(thread))), "The question itself cannot be its answer."
    )
    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_the_accept_url_refuses_a_get(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread)
    signed_in(client, thread.author)

    assert client.get(accept_url(answer)).status_code == 405


# Review issue 10, defect 8: a reply sent twice stored two posts; its token now leads to the first.
def test_a_reply_form_sent_twice_writes_one_post_and_leads_to_it(client):
    thread = ThreadFactory()
    signed_in(client)
    token = form_token(client.get(thread_url(thread)), "reply-idempotency-key")
    data = {"body": "Me too.", "idempotency_key": token}

    first = client.post(reverse("community:reply", args=[thread.pk]), data)
    second = client.post(reverse("community:reply", args=[thread.pk]), data)

    assert Post.objects.filter(thread=thread).count() == 2
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == f"/t/{thread.slug}/{thread.pk}/2/"


# Forum visibility review: the history of a reply in a held thread was open to everyone.
def test_the_history_of_a_reply_in_a_held_thread_is_404_but_for_its_author_and_moderators(
    reply_in_held_thread,
):
    url = reverse("community:post_history", args=[reply_in_held_thread.pk])

    assert Client().get(url).status_code == 404
    assert signed_in_client(UserFactory()).get(url).status_code == 404
    assert signed_in_client(reply_in_held_thread.author).get(url).status_code == 200
    assert signed_in_client(UserFactory(role=Role.MODERATOR)).get(url).status_code == 200


# Forum visibility review: a reaction reached a reply in a held thread and notified its author.
def test_reacting_to_a_reply_in_a_held_thread_is_404_and_tells_nobody(
    reply_in_held_thread, committed
):
    url = reverse("community:react", args=[reply_in_held_thread.pk])

    with committed():
        response = signed_in_client(UserFactory()).post(url, {"kind": "like"})

    assert response.status_code == 404
    assert not reply_in_held_thread.reactions.exists()
    assert not Notification.objects.filter(recipient=reply_in_held_thread.author).exists()
