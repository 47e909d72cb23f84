from django.urls import path  # noqa: F401 -- the app's views arrive with its issue

app_name = "moderation"

urlpatterns: list = []
