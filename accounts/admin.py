"""Django admin for members: reading and emergencies."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "username", "display_name", "trust_level", "is_active", "date_joined"]
    list_filter = ["trust_level", "is_active", "is_staff", "groups"]
    search_fields = ["email", "username", "display_name"]
    readonly_fields = ["date_joined", "last_login", "post_count"]
    fieldsets = [
        (None, {"fields": ["email", "username", "password"]}),
        (_("Profile"), {"fields": ["display_name", "bio", "avatar", "language"]}),
        (_("Standing"), {"fields": ["trust_level", "post_count", "date_joined", "last_login"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "username", "password1", "password2"]}),
    ]
