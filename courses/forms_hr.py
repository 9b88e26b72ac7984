"""Forms of HR's pages (targets, exemptions, review) and of the external-training report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from learning import fiscal
from learning.forms import Form
from learning.models import Role, Staff


def _year_choices():
    years = range(fiscal.PLAN_FIRST_YEAR, fiscal.current_fiscal_year() + 6)
    return [(year, fiscal.label(year)) for year in reversed(years)]


class TargetForm(Form):
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, choices=_year_choices)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    participations_required = forms.IntegerField(
        label=_("Participations required"), min_value=0, max_value=100
    )
    security_required = forms.BooleanField(
        label=_("Security training required"), required=False, initial=True
    )


class CopyTargetsForm(Form):
    from_year = forms.TypedChoiceField(
        label=_("Copy the targets of"), coerce=int, choices=_year_choices
    )
    to_year = forms.TypedChoiceField(
        label=_("to the fiscal year"), coerce=int, choices=_year_choices
    )


class ExemptionForm(Form):
    employee_id = forms.CharField(label=_("Employee id"), max_length=20)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example long sick leave, 休職, 育児休業."),
    )

    def clean_employee_id(self):
        employee_id = self.cleaned_data["employee_id"].strip()
        staff = Staff.objects.filter(employee_id=employee_id).first()
        if staff is None:
            raise forms.ValidationError(_("No staff member has this employee id."))
        self.cleaned_data["staff"] = staff
        return employee_id


class ExternalTrainingForm(Form):
    title = forms.CharField(label=_("Training title"), max_length=200)
    provider = forms.CharField(label=_("Organised by"), max_length=200, required=False)
    attended_on = forms.DateField(
        label=_("Attended on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    course = forms.ModelChoiceField(
        label=_("Catalogue course"),
        queryset=Course.objects.filter(active=True),
        required=False,
        empty_label=_("(not in the catalogue)"),
        help_text=_("If the training is one of the city's catalogue courses, choose it."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you learnt, or anything HR should know (e.g. where the certificate is)."),
    )
