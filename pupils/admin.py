from django.contrib import admin

from . import models


@admin.register(models.SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "year_group"]
    list_filter = ["school"]
    filter_horizontal = ["teachers"]


@admin.register(models.Pupil)
class PupilAdmin(admin.ModelAdmin):
    list_display = ["legal_last_name", "legal_first_name", "upn", "school", "year_group"]
    list_filter = ["school", "year_group"]
    search_fields = ["legal_last_name", "legal_first_name", "upn"]


class GroupSessionInline(admin.TabularInline):
    model = models.GroupSession
    extra = 1


@admin.register(models.NurtureGroup)
class NurtureGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "capacity", "key_stage"]
    filter_horizontal = ["staff"]
    inlines = [GroupSessionInline]
