from django.contrib import admin

from courses.models import Assignment, Department, Staff


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["employee_id", "name", "user", "active"]
    list_filter = ["active"]
    search_fields = ["employee_id", "name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    exclude = ["calendar_token"]
    inlines = [AssignmentInline]
