"""Pages for following, notifications, e-mail preferences and one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.forms import ThreadFlagForm
from community.selectors import get_category, get_thread
from notifications import selectors, services
from notifications.forms import NotificationPreferencesForm
from web.htmx import is_htmx
from web.pagination import paginate


@require_POST
@login_required
def follow_thread(request, thread_id: int):
    """Follow (value=1) or unfollow (value=0) a thread."""
    thread = get_thread(thread_id=thread_id, viewer=request.user)
    form = ThreadFlagForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    if form.cleaned_data["value"]:
        services.follow_thread(user=request.user, thread=thread)
    else:
        services.unfollow_thread(user=request.user, thread=thread)
    if is_htmx(request):
        return render(
            request,
            "notifications/includes/follow_button.html",
            {"thread": thread, "is_following": form.cleaned_data["value"]},
        )
    return redirect(thread)


@require_POST
@login_required
def watch_category(request, category_slug: str):
    """Watch (value=1) or stop watching (value=0) a whole category."""
    category = get_category(category_slug=category_slug, viewer=request.user)
    form = ThreadFlagForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    if form.cleaned_data["value"]:
        services.watch_category(user=request.user, category=category)
        messages.success(request, _("You will hear about every new post in this category."))
    else:
        services.unwatch_category(user=request.user, category=category)
        messages.success(request, _("You no longer watch this category."))
    return redirect(category)


@login_required
def notification_list(request):
    """List the member's notifications, newest first."""
    page = paginate(request, selectors.list_notifications(user=request.user), 30)
    selectors.attach_thread_visibility(page.object_list, viewer=request.user)
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
def open_notification(request, notification_id: int):
    """Mark a notification read and go to its post."""
    notification = selectors.get_notification(notification_id=notification_id, user=request.user)
    services.mark_notification_read(user=request.user, notification=notification)
    return redirect(notification.get_absolute_url())


@require_POST
@login_required
def mark_notification_read(request, notification_id: int):
    """Mark one notification read."""
    notification = selectors.get_notification(notification_id=notification_id, user=request.user)
    services.mark_notification_read(user=request.user, notification=notification)
    if is_htmx(request):
        notification.read_at = notification.read_at or True
        selectors.attach_thread_visibility([notification], viewer=request.user)
        return render(
            request, "notifications/includes/notification_item.html", {"notification": notification}
        )
    return redirect("notifications:notification_list")


@require_POST
@login_required
def mark_all_notifications_read(request):
    """Mark every notification read."""
    count = services.mark_all_notifications_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:notification_list")


@login_required
def notification_preferences(request):
    """Choose, per kind of notification, in-app only, e-mail, daily digest or off."""
    current = selectors.get_notification_preferences(user=request.user)
    form = NotificationPreferencesForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        services.set_notification_preferences(user=request.user, channels=form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:notification_preferences")
    status = 400 if form.errors else 200
    return render(
        request, "notifications/notification_preferences.html", {"form": form}, status=status
    )


@csrf_exempt
def unsubscribe(request, token: str):
    """Turn e-mail off from a signed link, without signing in (RFC 8058 one-click on POST).

    CSRF is exempt because mail clients post here with no session; the signed
    token is what authorises the change.
    """
    if request.method == "POST":
        try:
            _member, kind = services.unsubscribe(token=token)
        except signing.SignatureExpired:
            return _refuse_unsubscribe(request, _("This unsubscribe link has expired."))
        except signing.BadSignature:
            return _refuse_unsubscribe(request, _("This unsubscribe link is not valid."))
        return render(request, "notifications/unsubscribed.html", {"kind": kind})
    try:
        services.read_unsubscribe_token(token=token)
    except signing.SignatureExpired:
        return _refuse_unsubscribe(request, _("This unsubscribe link has expired."))
    except signing.BadSignature:
        return _refuse_unsubscribe(request, _("This unsubscribe link is not valid."))
    return render(request, "notifications/unsubscribe_confirm.html", {"token": token})


def _refuse_unsubscribe(request, reason: str):
    return render(
        request,
        "notifications/unsubscribe_refused.html",
        {"reason": reason, "can_sign_in": not request.user.is_authenticated},
        status=400,
    )
