from django.contrib import admin

from classes.models import (
    Centre,
    ClassTarget,
    Instructor,
    InstructorTraining,
    SmartphoneClass,
    Town,
)
from learning.admin import ModelAdmin, TabularInline
from learning.targets import copy_to_next_year


class TownInline(TabularInline):
    model = Town
    extra = 0


@admin.register(Centre)
class CentreAdmin(ModelAdmin):
    list_display = ["name", "kind", "slug", "phone", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["staff"]
    inlines = [TownInline]


@admin.register(ClassTarget)
class ClassTargetAdmin(ModelAdmin):
    actions = [copy_to_next_year]
    target_fields = ("centre_kind", "classes_per_centre")
    list_display = ["fiscal_year", "centre_kind", "classes_per_centre"]
    list_filter = ["centre_kind"]


@admin.register(Instructor)
class InstructorAdmin(ModelAdmin):
    list_display = ["name", "staff", "qualified_on", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    raw_id_fields = ["staff"]


@admin.register(InstructorTraining)
class InstructorTrainingAdmin(ModelAdmin):
    list_display = ["title", "held_on", "centre"]
    list_filter = ["centre"]
    date_hierarchy = "held_on"
    filter_horizontal = ["attendees"]


@admin.register(SmartphoneClass)
class SmartphoneClassAdmin(ModelAdmin):
    """Read-mostly: classes are changed through the centre-staff pages, which keep the
    calendars' SEQUENCE and the seat rules."""

    list_display = ["title", "centre", "starts_at", "status", "capacity", "published"]
    list_filter = ["status", "centre", "topic"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    list_select_related = ["centre"]
    readonly_fields = [
        "centre",
        "title",
        "topic",
        "starts_at",
        "ends_at",
        "place",
        "capacity",
        "description",
        "what_to_bring",
        "status",
        "published",
        "attendance_recorded_at",
        "walk_ins",
        "sequence",
        "created_at",
        "updated_at",
    ]
    exclude = ["instructors"]

    def has_add_permission(self, request):
        return False
