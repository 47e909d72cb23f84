from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("settings/profile/", views.edit_profile, name="edit_profile"),
    path("settings/tokens/", views.access_tokens, name="access_tokens"),
    path(
        "settings/tokens/<int:token_id>/revoke/",
        views.revoke_access_token,
        name="revoke_access_token",
    ),
    path("settings/language/", views.set_language, name="set_language"),
]
