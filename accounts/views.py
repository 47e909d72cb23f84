"""Pages of the accounts app: the profile form (the public profile is the forum's) and
the personal access tokens of the API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import selectors, services
from accounts.forms import AccessTokenForm, ProfileForm
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


@login_required
def access_tokens(request):
    """List the member's access tokens and create one; the new secret is shown once.

    A POST that creates answers the page itself (200) with the secret, never a
    redirect: the secret is not kept anywhere it could be shown again.
    """
    form = AccessTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.create_access_token(
                member=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            form = AccessTokenForm()
    context = {
        "form": form,
        "tokens": selectors.list_access_tokens(member=request.user),
        "created": created,
        "secret": secret,
    }
    response = render(
        request, "accounts/access_tokens.html", context, status=400 if form.errors else 200
    )
    # The page may carry a secret: no cache along the way may keep it.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke_access_token(request, token_id: int):
    """Revoke one of the member's access tokens (404 for another's) and go back to the list."""
    token = selectors.get_access_token(token_id=token_id, viewer=request.user)
    services.revoke_access_token(actor=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:access_tokens")
