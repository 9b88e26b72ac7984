import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from classes.models import AgeBand, Channel, Instructor, SmartphoneClass, Topic
from classes.services.signups import is_valid_phone, normalise_name, normalise_phone
from learning import fiscal
from learning.forms import Form, ModelForm

NAME_MAX_LENGTH = 100  # SignUp.name


class PhoneField(forms.CharField):
    default_error_messages = {
        "invalid": _(
            "Enter a phone number of 10 or 11 digits, e.g. 0299-00-0000 or 090-0000-0000."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        phone = normalise_phone(value)
        # Enclosed digits grow when normalised (⑽ is "(10)"): check what would be stored.
        if not is_valid_phone(value) or len(phone) > self.max_length:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return phone


class SignUpForm(Form):
    """The public form: as few questions as possible, in plain words."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Please enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneField(
        label=_("Phone number"),
        help_text=_("We call this number only if the class changes."),
        error_messages={"required": _("Please enter a phone number we can call.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,  # SignUp.email; the form field alone would allow 320
        help_text=_("Optional. If you give one, we send your confirmation number by e-mail."),
        error_messages={
            "invalid": _("This e-mail address looks wrong. Please check it, or leave it empty.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[("", _("Prefer not to say")), *AgeBand.choices],
        help_text=_("Optional. Used only to count participants by age."),
    )
    consent = forms.BooleanField(
        label=_("I agree to the use of my data described above."),
        error_messages={"required": _("Please tick the box to agree, or ask the centre by phone.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The consent label is a sentence: no “:” after it.
        self.fields["consent"].label_suffix = ""

    def clean_name(self):
        # The name as it will be stored: NFKC can make it longer (㈱ is "(株)").
        name = normalise_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please enter your name."), code="required")
        if len(name) > NAME_MAX_LENGTH:
            raise forms.ValidationError(
                _("Please enter your name in %(max)d characters or fewer.")
                % {"max": NAME_MAX_LENGTH},
                code="max_length",
            )
        return name


class StaffSignUpForm(SignUpForm):
    """Sign-ups taken by phone or at the counter: staff read out the consent text."""

    channel = forms.ChoiceField(
        label=_("Taken"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    consent = forms.BooleanField(
        label=_("The citizen agreed to the use of the data (read out the text above)."),
        error_messages={"required": _("Ask for consent and tick the box.")},
    )

    field_order = ["channel", "name", "phone", "email", "age_band", "consent"]


class ClassForm(ModelForm):
    """Date and times in separate fields: easier to type than one date-time box."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    instructors = forms.ModelMultipleChoiceField(
        label=_("Instructors"),
        queryset=Instructor.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one should have completed instructor training."),
    )

    class Meta:
        model = SmartphoneClass
        fields = [
            "centre",
            "title",
            "topic",
            "place",
            "capacity",
            "description",
            "what_to_bring",
            "published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    field_order = [
        "centre",
        "title",
        "topic",
        "day",
        "start_time",
        "end_time",
        "place",
        "capacity",
        "description",
        "what_to_bring",
        "instructors",
        "published",
    ]

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["centre"].empty_label = None
        self.fields["topic"].choices = Topic.choices
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].max_value = 500
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": 500})
        instance = self.instance
        if instance.pk:
            local_start = instance.starts_at.astimezone(fiscal.TOKYO)
            self.initial.update(
                day=local_start.date(),
                start_time=local_start.time().replace(second=0, microsecond=0),
                end_time=instance.ends_at.astimezone(fiscal.TOKYO)
                .time()
                .replace(second=0, microsecond=0),
                instructors=list(instance.instructors.all()),
            )
            # Moving a class to another centre would move its sign-ups with it.
            self.fields["centre"].disabled = True

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and not 1 <= capacity <= 500:
            raise forms.ValidationError(_("Enter between 1 and 500 seats."))
        return capacity

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(k) for k in ("day", "start_time", "end_time"))
        if day and start and end:
            starts_at = dt.datetime.combine(day, start, tzinfo=fiscal.TOKYO)
            ends_at = dt.datetime.combine(day, end, tzinfo=fiscal.TOKYO)
            if ends_at <= starts_at:
                self.add_error("end_time", _("The class must end after it starts."))
            cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned

    def _post_clean(self):
        # The service validates and saves; the form only checks what a person typed.
        pass


class AttendanceForm(Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    walk_ins = forms.IntegerField(
        label=_("Participants without sign-up"), min_value=0, max_value=500, initial=0
    )
    mark_held = forms.BooleanField(label=_("The class was held"), required=False, initial=True)

    def __init__(self, *args, signups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(s.pk, s.name or s.number) for s in signups]


class FlyerPeriodForm(Form):
    # As the month pages: a period outside these years would overflow the calendar.
    FIRST_YEAR, LAST_YEAR = 2022, 2100

    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    months = forms.TypedChoiceField(
        label=_("Months"),
        coerce=int,
        choices=[(n, n) for n in (1, 2, 3, 6, 12)],
        initial=3,
        required=False,
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start and not self.FIRST_YEAR <= start.year <= self.LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a day between %(first)d and %(last)d.")
                % {"first": self.FIRST_YEAR, "last": self.LAST_YEAR},
                code="out_of_range",
            )
        return start


class InstructorForm(ModelForm):
    class Meta:
        model = Instructor
        fields = ["name", "staff", "qualified_on", "active"]
        widgets = {"qualified_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = self.fields["staff"].queryset.filter(active=True)
        self.fields["staff"].required = False

    def _post_clean(self):
        # The service validates and saves.
        pass


class TrainingForm(Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    centre = forms.ModelChoiceField(
        label=_("Community centre"), queryset=None, required=False, empty_label=_("Elsewhere")
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=Instructor.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    qualifies = forms.BooleanField(
        label=_("This session completes the training: attendees are qualified from this day"),
        required=False,
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
