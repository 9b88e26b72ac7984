from django.contrib import admin

from courses.models import (
    Competency,
    Completion,
    Course,
    Exemption,
    ExternalTraining,
    Registration,
    Session,
    Target,
)
from learning.admin import ModelAdmin, TabularInline


@admin.register(Competency)
class CompetencyAdmin(ModelAdmin):
    list_display = ["label", "role", "code", "order"]
    list_filter = ["role"]
    search_fields = ["label", "code"]


@admin.register(Course)
class CourseAdmin(ModelAdmin):
    list_display = ["code", "title", "kind", "counts_toward_target", "is_security", "active"]
    list_filter = ["kind", "counts_toward_target", "is_security", "active"]
    search_fields = ["code", "title"]
    filter_horizontal = ["competencies", "organisers"]


class RegistrationInline(TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["staff"]
    fields = ["staff", "status", "requested_at", "attendance", "walk_in"]


@admin.register(Session)
class SessionAdmin(ModelAdmin):
    list_display = ["course", "starts_at", "place", "capacity", "status"]
    list_filter = ["status", "course__kind"]
    search_fields = ["course__title", "course__code", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["course"]
    inlines = [RegistrationInline]


@admin.register(Completion)
class CompletionAdmin(ModelAdmin):
    list_display = ["staff", "course", "completed_on"]
    search_fields = ["staff__employee_id", "staff__name", "course__code"]
    raw_id_fields = ["staff"]
    list_select_related = ["staff", "course"]


@admin.register(ExternalTraining)
class ExternalTrainingAdmin(ModelAdmin):
    list_display = ["staff", "title", "attended_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["staff"]


@admin.register(Target)
class TargetAdmin(ModelAdmin):
    list_display = ["fiscal_year", "role", "participations_required", "security_required"]
    list_filter = ["fiscal_year", "role"]


@admin.register(Exemption)
class ExemptionAdmin(ModelAdmin):
    list_display = ["staff", "fiscal_year", "reason"]
    list_filter = ["fiscal_year"]
    raw_id_fields = ["staff"]
