"""Admin: reference data (districts, targets, devices, places) and the read-only audit log.

Households and support records are not in the admin on purpose: every view of them goes
through the support pages, which write the audit log.
"""

from django.contrib import admin

from learning.admin import ModelAdmin
from learning.targets import copy_to_next_year
from support.models import AccessPlace, AuditEntry, CoverageTarget, Device, District


@admin.register(District)
class DistrictAdmin(ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(CoverageTarget)
class CoverageTargetAdmin(ModelAdmin):
    actions = [copy_to_next_year]
    target_fields = ("target_percent",)
    list_display = ["fiscal_year", "target_percent"]


@admin.register(Device)
class DeviceAdmin(ModelAdmin):
    list_display = ["asset_tag", "kind", "description", "in_service"]
    list_filter = ["kind", "in_service"]
    search_fields = ["asset_tag", "description"]


@admin.register(AccessPlace)
class AccessPlaceAdmin(ModelAdmin):
    list_display = ["name", "address", "active"]
    list_filter = ["active"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ModelAdmin):
    """Administrators read the log; nobody adds, changes or deletes entries."""

    list_display = ["at", "user_email", "ip_address", "action", "household", "path"]
    list_filter = ["action"]
    search_fields = ["user_email", "households_shown", "household__reference", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["household"]
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
