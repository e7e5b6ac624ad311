from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from . import models


class StaffRoleInline(admin.TabularInline):
    model = models.StaffRole
    extra = 1


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "school", "is_active"]
    list_filter = ["school", "staff_roles__role", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + (("School", {"fields": ["school", "trust", "job_title"]}),)
    inlines = [StaffRoleInline]


@admin.register(models.School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "trust"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Trust)
class TrustAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
