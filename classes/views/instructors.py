"""Centre staff keep the list of instructors and the instructor training (講師養成)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from classes.access import managed_centres
from classes.forms import InstructorForm, TrainingForm
from classes.models import Instructor
from classes.selectors import instructors_with_trainings, recent_trainings
from classes.services.instructors import record_training, save_instructor
from learning.permissions import Permission, permission_required


@permission_required(Permission.MANAGE_CLASSES)
def instructors(request):
    return render(
        request,
        "classes/manage/instructors.html",
        {"instructors": instructors_with_trainings(), "trainings": recent_trainings()},
    )


def _form_errors(form, failure: ValidationError) -> None:
    for field, errors in failure.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@permission_required(Permission.MANAGE_CLASSES)
def instructor_edit(request, pk: int | None = None):
    instructor = get_object_or_404(Instructor, pk=pk) if pk else None
    form = InstructorForm(request.POST or None, instance=instructor)
    if request.method == "POST" and form.is_valid():
        try:
            save_instructor(instructor=instructor, **form.cleaned_data)
        except ValidationError as failure:
            _form_errors(form, failure)
        else:
            messages.success(request, _("The instructor was saved."))
            return redirect("classes:instructors")
    return render(
        request, "classes/manage/instructor_form.html", {"form": form, "instructor": instructor}
    )


@permission_required(Permission.MANAGE_CLASSES)
def training_create(request):
    form = TrainingForm(request.POST or None, centres=managed_centres(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            record_training(**form.cleaned_data)
        except ValidationError as failure:
            _form_errors(form, failure)
        else:
            messages.success(request, _("The instructor training was saved."))
            return redirect("classes:instructors")
    return render(request, "classes/manage/training_form.html", {"form": form})
