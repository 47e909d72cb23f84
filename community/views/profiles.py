"""Members' public profiles (the profile form is accounts')."""

from django.shortcuts import render

from accounts.permissions import offers_profile_edit
from accounts.selectors import get_member
from community import selectors


def profile(request, username: str):
    """Show a member's public profile with their latest threads and replies."""
    member = get_member(username=username)
    return render(
        request,
        "community/profile.html",
        {
            "member": member,
            "can_edit": offers_profile_edit(request.user, member),
            "threads": selectors.list_member_threads(member=member, viewer=request.user),
            "posts": selectors.list_member_posts(member=member, viewer=request.user),
        },
    )
