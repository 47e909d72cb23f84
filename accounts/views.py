"""Pages of the accounts app: the profile form (the public profile is the forum's)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import services
from accounts.forms import ProfileForm
from web.forms import add_service_error


@login_required
def edit_profile(request):
    """Edit the signed-in member's own profile."""
    member = request.user
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                actor=request.user,
                member=member,
                display_name=form.cleaned_data["display_name"],
                bio=form.cleaned_data["bio"],
                language=form.cleaned_data["language"],
                avatar=form.cleaned_data["avatar"],
                remove_avatar=form.cleaned_data["remove_avatar"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect(member)
    return render(
        request, "accounts/profile_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
def set_language(request):
    """Switch the site's language; a signed-in member keeps it as their preference.

    Django's ``set_language`` sets the cookie and redirects; an unknown code
    leaves the language as it was (English by default).
    """
    if request.user.is_authenticated:
        services.set_preferred_language(
            member=request.user, language=request.POST.get("language", "")
        )
    return django_set_language(request)
