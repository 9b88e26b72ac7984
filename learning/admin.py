import allauth.mfa.admin  # noqa: F401  (registers allauth's Authenticator admin, replaced below)
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learning import mail
from learning.forms import apply_text_rule
from learning.models import Assignment, Department, OutgoingMail, Staff, User


class TextRuleAdminMixin:
    """The text rule (learning/text.py) on every text field of an admin form, through the
    formfield callback every admin form is built with (change forms, inlines, lists)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            apply_text_rule({db_field.name: formfield})
        return formfield


class ModelAdmin(TextRuleAdminMixin, admin.ModelAdmin):
    pass


class TabularInline(TextRuleAdminMixin, admin.TabularInline):
    pass


@admin.register(User)
class UserAdmin(TextRuleAdminMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "is_superuser", "last_login"]
    search_fields = ["email", "staff__name", "staff__employee_id"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ["groups"]


admin.site.site_header = _("City learning and digital support — administration")
admin.site.site_title = _("City learning administration")


def _admin_login(request, extra_context=None):
    """The admin has no login form of its own: everyone logs in through allauth (rate
    limits, MFA), then comes back; a logged-in non-admin gets 403."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next", request.get_full_path()))


admin.site.login = _admin_login


class AssignmentInline(TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(Department)
class DepartmentAdmin(ModelAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(Staff)
class StaffAdmin(ModelAdmin):
    list_display = ["employee_id", "name", "user", "active"]
    list_filter = ["active"]
    search_fields = ["employee_id", "name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    exclude = ["calendar_token"]
    inlines = [AssignmentInline]


# Two-factor authenticators: administrators may see who has one and delete it (a lost
# phone), never the secrets in ``data``. allauth's own admin shows and edits them.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ModelAdmin):
    """Who was mailed what, and why a mail could not be sent; failed ones can be sent again."""

    list_display = ["created_at", "recipient", "subject", "status", "attempts", "short_error"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "kind",
        "recipient",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    exclude = ["attachments", "about_type", "about_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:120]

    @admin.action(description=_("Send again"))
    def send_again(self, request, queryset):
        count = mail.send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued to be sent again.",
                "%(count)d e-mails queued to be sent again.",
                count,
            )
            % {"count": count},
        )
