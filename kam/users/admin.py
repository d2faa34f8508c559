"""Administrators manage staff users, roles and seniority in the Django admin."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kam.users.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "display_name", "role", "seniority", "is_active", "last_login")
    list_filter = ("role", "seniority", "is_active")
    search_fields = ("username", "display_name", "email")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("KAM"), {"fields": ("display_name", "role", "seniority", "job_title", "language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("KAM"), {"fields": ("display_name", "role", "seniority", "job_title")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "user",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("scope",)
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "digest", "scope", "expires_at", "last_used_at")
    search_fields = ("name", "user__username")
