from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Attendance, Competency, CourseKind, Session
from learning import csvimport
from learning.forms import Form, ModelForm, UploadField
from learning.models import Role, Staff


class CsvUploadForm(Form):
    file = UploadField(
        max_bytes=csvimport.MAX_BYTES,
        label=_("CSV file"),
        help_text=_("UTF-8 or Shift_JIS (CP932), as Excel saves it. The first row is the header."),
    )


class CatalogueFilterForm(Form):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *CourseKind.choices]
    )
    role = forms.ChoiceField(
        label=_("Recommended for"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    competency = forms.ChoiceField(label=_("Competency"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = [("", _("All competencies"))] + [
            (c.code, c.label) for c in Competency.objects.all()
        ]


class SessionForm(ModelForm):
    """Organisers schedule a session; times are entered in Asia/Tokyo."""

    class Meta:
        model = Session
        fields = [
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "registration_deadline",
            "cancellation_deadline",
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("starts_at", "ends_at", "registration_deadline", "cancellation_deadline")
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        for name in ("registration_deadline", "cancellation_deadline"):
            if starts and data.get(name) and data[name] > starts:
                self.add_error(name, _("The deadline must be before the session starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Enter a place or an online link."))
        return data


ATTENDANCE_CHOICES = [("", _("Not recorded")), *Attendance.choices]


class AttendanceForm(Form):
    """One select per confirmed registrant, named ``r<pk>``."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=registration.staff.name,
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=registration.attendance,
            )

    def marks(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class WalkInForm(Form):
    employee_id = forms.CharField(label=_("Employee id"), max_length=20)
    attendance = forms.ChoiceField(
        label=_("Attendance"), choices=Attendance.choices, initial=Attendance.PRESENT
    )

    def clean_employee_id(self):
        employee_id = self.cleaned_data["employee_id"].strip()
        staff = Staff.objects.filter(employee_id=employee_id, active=True).first()
        if staff is None:
            raise forms.ValidationError(_("No staff member in service has this employee id."))
        self.staff = staff
        return employee_id
