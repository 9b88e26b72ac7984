from django import forms
from django.utils.translation import gettext_lazy as _


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 or Shift_JIS (CP932), as Excel saves it. The first row is the header."),
    )
