from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.permissions import Duty, has_duty

# (url name, label, duties that see it; empty = every logged-in user)
NAVIGATION = [
    ("home", _("Home"), ()),
    ("courses:catalogue", _("Training courses"), ()),
    ("courses:my_training", _("My training"), ()),
    ("courses:compliance", _("Training targets (HR)"), (Duty.HR,)),
    ("courses:roster_import", _("Roster import"), (Duty.HR,)),
    ("classes:manage", _("Smartphone classes"), (Duty.CENTRE_STAFF,)),
    ("support:households", _("Household support"), (Duty.SUPPORT_STAFF,)),
    ("support:coverage", _("Coverage report"), (Duty.SUPPORT_STAFF, Duty.REPORT_VIEWER)),
    ("yearly_report", _("Yearly progress report"), (Duty.REPORT_VIEWER, Duty.HR)),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for name, label, duties in NAVIGATION:
        if duties and not has_duty(user, *duties):
            continue
        url = reverse(name)
        items.append({"url": url, "label": label, "current": request.path == url})
    return {"navigation": items}
