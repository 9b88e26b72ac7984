"""Importing households or support records in the browser: upload, preview, confirm.

The preview is a dry run of the real import; nothing is written before confirm."""

import base64

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from learning.csvimport import ImportFailed
from support.forms import ImportForm
from support.services.audit import Actor
from support.services.imports import import_households, import_support
from support.views.base import SupportStaffMixin

SESSION_KEY = "support_import"
IMPORTERS = {"households": import_households, "support": import_support}


class ImportView(SupportStaffMixin, View):
    template_name = "support/import.html"

    def render_page(self, request, **context):
        context.setdefault("form", ImportForm())
        return render(request, self.template_name, context)

    def get(self, request):
        return self.render_page(request)

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request, form=form)
        what, data = form.cleaned_data["what"], form.cleaned_data["file"].read()
        try:
            result = IMPORTERS[what](data=data, actor=Actor.of(request), dry_run=True)
        except ImportFailed as failure:
            return self.render_page(request, form=form, errors=failure.errors)
        request.session[SESSION_KEY] = {
            "what": what,
            "data": base64.b64encode(data).decode("ascii"),
            "name": form.cleaned_data["file"].name[:100],
        }
        return self.render_page(request, preview=result, what=what)

    def confirm(self, request):
        stored = request.session.pop(SESSION_KEY, None)
        if not stored or stored.get("what") not in IMPORTERS:
            messages.error(request, _("The preview has expired. Please upload the file again."))
            return redirect("support:import")
        try:
            result = IMPORTERS[stored["what"]](
                data=base64.b64decode(stored["data"]),
                actor=Actor.of(request),
                source=stored["name"],
            )
        except ImportFailed as failure:
            # The records changed between preview and confirm; show why, write nothing.
            return self.render_page(request, errors=failure.errors)
        messages.success(
            request,
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
        return redirect("support:import")
