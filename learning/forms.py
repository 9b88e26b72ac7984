"""What every form of the apps shares: the text rule (``learning.text``) on each of its text
fields, and the upload field that checks a file's size before it is read. Forms derive from ``Form`` or
``ModelForm`` here, not from Django's directly; ``tests/learning/test_text_rule.py``
checks that none is left out."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.text import TextRuleValidator, normalise_line_breaks


def is_multiline(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def apply_text_rule(fields) -> None:
    """Add the text rule to every text field in ``fields`` (a form's bound copy, so the
    class's fields stay untouched). Passwords are not stored as text and keep any character."""
    for name, field in fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        validator = TextRuleValidator(field=field.label or name, multiline=is_multiline(field))
        if validator not in field.validators:
            field.validators.append(validator)


class TextRuleMixin:
    """Every text field keeps the text rule; multi-line ones store ``\\n`` line breaks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_text_rule(self.fields)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str) and is_multiline(field):
                cleaned[name] = normalise_line_breaks(value)
        return cleaned


class UploadField(forms.FileField):
    """A file that is refused by its size (known from the request) before anything reads
    it: a 500 MB upload never becomes 500 MB in the worker's memory. Every upload form
    uses it; the reverse proxy caps the request body too (README)."""

    default_error_messages = {"too_large": _("The file is larger than %(mb)d MB.")}

    def __init__(self, *, max_bytes: int, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value.size > self.max_bytes:
            raise forms.ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"mb": self.max_bytes // 2**20},
            )


class Form(TextRuleMixin, forms.Form):
    pass


class ModelForm(TextRuleMixin, forms.ModelForm):
    pass
