"""The site's URLs: each app's own, allauth's, the API, the admin and the language switch."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

# Signing in to the admin goes through allauth, as its documentation shows ("Admin"), so
# that two-factor authentication and the login rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("backoffice/", include("moderation.urls")),
    path("feedback/", include("feedback.urls")),
    path("api/", include("api.urls")),
    path("", include("accounts.urls")),
    path("", include("community.urls")),
    path("", include("notifications.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
