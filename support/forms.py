import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.forms import Form, ModelForm, UploadField
from support.models import (
    AccessPlace,
    ClosedReason,
    Device,
    Household,
    Reason,
    SupportKind,
    SupportRecord,
)
from support.selectors.households import available_devices

LOAN_DAYS = 90  # the usual loan period; staff can change the due date


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def today() -> dt.date:
    return timezone.localdate()


class NotInFutureMixin:
    """Dates of things that happened cannot be in the future."""

    past_date_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.past_date_fields:
            value = cleaned.get(name)
            if value and value > today():
                self.add_error(name, _("This date is in the future."))
        return cleaned


class HouseholdForm(NotInFutureMixin, ModelForm):
    reasons = forms.MultipleChoiceField(
        label=_("reasons"),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Why the household cannot use ICT; choose all that apply."),
    )
    past_date_fields = ("identified_on",)

    class Meta:
        model = Household
        fields = [
            "reference",
            "district",
            "members",
            "reasons",
            "identified_on",
            "identified_how",
            "consent_recorded",
            "contact_name",
            "phone",
            "address",
            "notes",
        ]
        widgets = {"identified_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        self.fields["members"].min_value = 1
        self.fields["members"].widget.attrs.update(min=1, max=30)
        self.fields["phone"].widget.input_type = "tel"
        if self.instance.pk:
            self.initial["reasons"] = [reason.value for reason in self.instance.reasons]
        else:
            self.fields["identified_on"].initial = today()

    def clean_members(self):
        members = self.cleaned_data["members"]
        if not 1 <= members <= 30:
            raise forms.ValidationError(_("Enter a number from 1 to 30."))
        return members

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["reasons"] = [Reason(value) for value in data.get("reasons", [])]
        return data


class CloseHouseholdForm(NotInFutureMixin, Form):
    closed_on = forms.DateField(label=_("closed on"), widget=DateInput(), initial=today)
    reason = forms.ChoiceField(label=_("reason for closing"), choices=ClosedReason.choices)
    past_date_fields = ("closed_on",)


class SupportRecordForm(NotInFutureMixin, ModelForm):
    past_date_fields = ("date",)

    class Meta:
        model = SupportRecord
        fields = ["date", "kind", "smartphone_class", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = today()
        # Device loans and access-place visits have their own forms (they record more).
        self.fields["kind"].choices = [
            (value, label)
            for value, label in SupportKind.choices
            if value not in (SupportKind.DEVICE_LOAN, SupportKind.ACCESS_PLACE)
        ]
        classes = self.fields["smartphone_class"]
        # Classes of the last year and those coming up: the ones a household is referred to.
        since = timezone.now() - dt.timedelta(days=400)
        classes.queryset = classes.queryset.filter(starts_at__gte=since).order_by("-starts_at")
        classes.required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("smartphone_class") and cleaned.get("kind") != SupportKind.CLASS_REFERRAL:
            self.add_error(
                "smartphone_class",
                _("A class can only be given for a referral to a smartphone class."),
            )
        return cleaned

    def _post_clean(self):
        # The instance is built by the service, not by the form.
        pass


class LoanForm(NotInFutureMixin, Form):
    device = forms.ModelChoiceField(label=_("device"), queryset=Device.objects.none())
    lent_on = forms.DateField(label=_("lent on"), widget=DateInput(), initial=today)
    due_on = forms.DateField(
        label=_("due on"),
        widget=DateInput(),
        initial=lambda: today() + dt.timedelta(days=LOAN_DAYS),
    )
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    past_date_fields = ("lent_on",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = available_devices()

    def clean(self):
        cleaned = super().clean()
        lent_on, due_on = cleaned.get("lent_on"), cleaned.get("due_on")
        if lent_on and due_on and due_on < lent_on:
            self.add_error("due_on", _("The due date cannot be before the day of the loan."))
        return cleaned


class ReturnForm(NotInFutureMixin, Form):
    returned_on = forms.DateField(label=_("returned on"), widget=DateInput(), initial=today)
    past_date_fields = ("returned_on",)


class HouseholdVisitForm(NotInFutureMixin, Form):
    place = forms.ModelChoiceField(
        label=_("place"), queryset=AccessPlace.objects.filter(active=True)
    )
    date = forms.DateField(label=_("date"), widget=DateInput(), initial=today)
    past_date_fields = ("date",)


class VisitorCountForm(NotInFutureMixin, Form):
    place = forms.ModelChoiceField(
        label=_("place"), queryset=AccessPlace.objects.filter(active=True)
    )
    date = forms.DateField(label=_("date"), widget=DateInput(), initial=today)
    visitors = forms.IntegerField(
        label=_("visitors"),
        min_value=0,
        max_value=10000,
        help_text=_("Everyone who used the place that day without being recorded as a household."),
    )
    past_date_fields = ("date",)


class ImportForm(Form):
    what = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("households", _("Households")), ("support", _("Support given"))],
        widget=forms.RadioSelect,
        initial="households",
    )
    file = UploadField(
        max_bytes=5 * 2**20,
        label=_("CSV file"),
        help_text=_("UTF-8 or Shift_JIS (CP932), as Excel saves it. The first row is the header."),
    )
