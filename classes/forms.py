import datetime as dt
import decimal
import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from classes.models import (
    MAX_PARTY_SIZE,
    WEEKDAY_LETTERS,
    AgeBand,
    Centre,
    Channel,
    Instructor,
    SmartphoneClass,
    Topic,
    Town,
)
from classes.services.signups import is_valid_phone, normalise_name, normalise_phone
from learning import fiscal
from learning.forms import Form, ModelForm

NAME_MAX_LENGTH = 100  # SignUp.name


class PhoneField(forms.CharField):
    default_error_messages = {
        # No example number here: the example stands next to the field, marked as one.
        "invalid": _("Enter a phone number of 10 or 11 digits."),
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
    """The public form: as few questions as possible, in plain words, each with an example
    of what to write (``field.example``, shown next to the field)."""

    party_size = forms.TypedChoiceField(
        label=_("How many people?"),
        choices=[
            (1, _("1 person")),
            (MAX_PARTY_SIZE, _("2 people (for example with a family member)")),
        ],
        coerce=int,
        initial=1,
        required=False,  # not chosen: one person
        empty_value=1,
        widget=forms.RadioSelect,
        help_text=_("Each person takes one seat."),
        error_messages={"invalid_choice": _("Please choose 1 person or 2 people.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("The name of the person who signs up."),
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

    EXAMPLES = {
        "name": _("Hanako Kashima"),
        "phone": "090-1234-5678",
        "email": "hanako@example.jp",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The consent label is a sentence: no “:” after it.
        self.fields["consent"].label_suffix = ""
        for name, example in self.EXAMPLES.items():
            self.fields[name].example = example

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

    field_order = ["channel", "party_size", "name", "phone", "email", "age_band", "consent"]


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


class TownForm(Form):
    """「お住まいの地区」 on the public index: the towns, grouped by the centre serving them."""

    town = forms.TypedChoiceField(
        label=_("Where do you live?"),
        coerce=int,
        help_text=_("Choose your town. The classes of your community centre come first."),
        error_messages={
            "required": _("Please choose your town from the list."),
            "invalid_choice": _("We could not find that town. Please choose it from the list."),
        },
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self._towns = {town.pk: (town, centre) for centre in centres for town in centre.towns.all()}
        self.fields["town"].choices = [
            ("", _("Choose")),
            *(
                (centre.name, [(town.pk, town.name) for town in centre.towns.all()])
                for centre in centres
                if centre.towns.all()
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        found = self._towns.get(cleaned.get("town"))
        if found:
            cleaned["town"], cleaned["centre"] = found
        return cleaned


# Free text staff type for the public pages: line breaks and tabs are fine, other control
# characters and the bidi overrides are not.
UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Japan lies within these (the open-data list gives positions in decimal degrees, WGS84).
LATITUDES = (decimal.Decimal(20), decimal.Decimal(46))
LONGITUDES = (decimal.Decimal(122), decimal.Decimal(154))


def normalise_kana(value: str) -> str:
    """Half-width katakana (ｶｼﾏ) and spaces made full-width, as the facility list wants."""
    return " ".join(unicodedata.normalize("NFKC", value).split()).replace(" ", "\u3000")


def is_katakana(value: str) -> bool:
    """Full-width katakana, the long-vowel mark, the middle dot and full-width spaces."""
    return any("\u30a1" <= ch <= "\u30fa" for ch in value) and all(
        "\u30a1" <= ch <= "\u30fa" or ch in "ー・\u3000" for ch in value
    )


class CentreForm(ModelForm):
    """What centre staff keep up to date about their centre: the facts the public pages show
    and the open-data facility list needs. Checked here, in Japanese."""

    open_days = forms.TypedMultipleChoiceField(
        label=_("Open days"),
        choices=[(day, letter) for day, letter in WEEKDAY_LETTERS.items()],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    towns = forms.CharField(
        label=_("Towns the centre serves"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One town per line, e.g. 宮中. Residents choose their town on the public page."
        ),
    )
    phone = PhoneField(label=_("Phone"), required=False)

    class Meta:
        model = Centre
        fields = [
            "name_kana",
            "address",
            "latitude",
            "longitude",
            "phone",
            "open_days",
            "opens_at",
            "closes_at",
            "hours_note",
            "access",
            "parking",
            "barrier_free",
        ]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "access": forms.Textarea(attrs={"rows": 3}),
            "barrier_free": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "latitude": _("Decimal degrees, e.g. 35.965700. Leave both empty if unknown."),
            "longitude": _("Decimal degrees, e.g. 140.644200."),
            "access": _("Buses, the nearest stop and how long it takes on foot."),
            "parking": _("E.g. free car park, 30 spaces."),
            "barrier_free": _("Ramps, lifts, accessible toilets, hearing loops."),
        }

    field_order = [
        "name_kana",
        "address",
        "latitude",
        "longitude",
        "phone",
        "open_days",
        "opens_at",
        "closes_at",
        "hours_note",
        "access",
        "parking",
        "barrier_free",
        "towns",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centre = self.instance
        self.initial["open_days"] = centre.open_weekdays
        if centre.pk:  # the edit page always has its centre; an unbound form has none yet
            self.initial["towns"] = "\n".join(town.name for town in centre.towns.all())
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "step": "any"})

    def clean_name_kana(self):
        kana = normalise_kana(self.cleaned_data["name_kana"])
        if kana and not is_katakana(kana):
            raise forms.ValidationError(
                _("Write the name in full-width katakana, e.g. カシマチクコウミンカン."),
                code="not_katakana",
            )
        return kana

    def clean_open_days(self):
        return "".join(str(day) for day in sorted(set(self.cleaned_data["open_days"])))

    def clean_towns(self):
        names = []
        for line in self.cleaned_data["towns"].splitlines():
            name = " ".join(unicodedata.normalize("NFKC", line).split())
            if not name or name in names:
                continue
            if len(name) > Town._meta.get_field("name").max_length:
                raise forms.ValidationError(
                    _("“%(town)s” is too long: a town name has at most 50 characters."),
                    params={"town": name[:20]},
                    code="too_long",
                )
            names.append(name)
        taken = dict(
            Town.objects.filter(name__in=names)
            .exclude(centre=self.instance)
            .values_list("name", "centre__name")
        )
        if taken:
            raise forms.ValidationError(
                [
                    forms.ValidationError(
                        _("“%(town)s” is already served by %(centre)s."),
                        params={"town": town, "centre": centre},
                        code="taken",
                    )
                    for town, centre in taken.items()
                ]
            )
        return names

    def clean(self):
        cleaned = super().clean()
        for name in ("name_kana", "address", "hours_note", "access", "parking", "barrier_free"):
            if UNSAFE_IN_TEXT.search(cleaned.get(name) or ""):
                self.add_error(name, _("This contains a character we cannot use."))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Enter both the latitude and the longitude, or leave both empty."),
            )
        if latitude is not None and not LATITUDES[0] <= latitude <= LATITUDES[1]:
            self.add_error("latitude", _("A latitude in Japan is between 20 and 46."))
        if longitude is not None and not LONGITUDES[0] <= longitude <= LONGITUDES[1]:
            self.add_error("longitude", _("A longitude in Japan is between 122 and 154."))
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if (opens is None) != (closes is None) and not (
            self.has_error("opens_at") or self.has_error("closes_at")
        ):
            self.add_error(
                "closes_at" if closes is None else "opens_at",
                _("Enter both the opening and the closing time, or leave both empty."),
            )
        elif opens and closes and closes <= opens:
            self.add_error("closes_at", _("The centre must close after it opens."))
        return cleaned

    def _post_clean(self):
        # The service validates and saves.
        pass
