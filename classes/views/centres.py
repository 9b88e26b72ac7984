"""Centre staff keep their own centres' public facts up to date."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from classes.access import access_managed_centre
from classes.forms import CentreForm
from classes.services.centres import PUBLIC_FIELDS, update_centre
from learning.errors import Refused
from learning.permissions import Permission, permission_required


@permission_required(Permission.MANAGE_CLASSES)
def centre_edit(request, slug: str):
    centre = access_managed_centre(user=request.user, slug=slug)
    form = CentreForm(request.POST or None, instance=centre)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_centre(
                centre=centre,
                towns=data["towns"],
                **{name: data[name] for name in PUBLIC_FIELDS},
            )
        except ValidationError as failure:  # what only the model can check
            for field, errors in failure.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except Refused as failure:
            form.add_error(None, str(failure))
        else:
            messages.success(request, _("The centre's details were saved."))
            return redirect("classes:manage")
    return render(request, "classes/manage/centre_form.html", {"form": form, "centre": centre})
