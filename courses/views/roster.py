import base64

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from courses.forms import CsvUploadForm
from learning.csvimport import ImportFailed
from learning.directory.roster import import_roster
from learning.permissions import Permission, PermissionRequiredMixin

ROSTER_SESSION_KEY = "roster_upload"


class RosterImportView(PermissionRequiredMixin, View):
    """Upload → preview (a dry run of the real import) → confirm. Nothing is written before confirm."""

    permissions = (Permission.MANAGE_TRAINING,)
    template_name = "courses/roster_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": CsvUploadForm()})

    def post(self, request):
        if "confirm" in request.POST:
            return self._confirm(request)
        form = CsvUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        data = form.cleaned_data["file"].read()
        try:
            result = import_roster(data=data, dry_run=True)
        except ImportFailed as failure:
            return render(request, self.template_name, {"form": form, "errors": failure.errors})
        request.session[ROSTER_SESSION_KEY] = base64.b64encode(data).decode("ascii")
        return render(request, self.template_name, {"form": CsvUploadForm(), "preview": result})

    def _confirm(self, request):
        encoded = request.session.pop(ROSTER_SESSION_KEY, None)
        if encoded is None:
            messages.error(request, _("The preview has expired. Please upload the file again."))
            return redirect("courses:roster_import")
        try:
            result = import_roster(data=base64.b64decode(encoded))
        except ImportFailed as failure:
            # The directory changed between preview and confirm; show why, write nothing.
            return render(
                request, self.template_name, {"form": CsvUploadForm(), "errors": failure.errors}
            )
        messages.success(
            request,
            _("Roster imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
        return redirect("courses:roster_import")
