"""Centre staff: their own centres' classes, sign-ups taken by phone, attendance."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from classes.access import (
    access_managed_class,
    access_managed_signup,
    managed_centres,
    managed_classes,
)
from classes.forms import AttendanceForm, ClassForm, StaffSignUpForm
from classes.models import SignUp, SmartphoneClass
from classes.selectors import (
    participant_list,
)
from classes.services.classes import (
    cancel_class,
    create_class,
    record_attendance,
    unqualified_instructor_warning,
    update_class,
)
from classes.services.signups import cancel_signup, sign_up
from learning.errors import Refused
from learning.permissions import Permission, permission_required


@permission_required(Permission.MANAGE_CLASSES)
def manage(request):
    """The centre-staff landing page: upcoming and recent classes of their centres."""
    now = timezone.now()
    classes = managed_classes(user=request.user)
    upcoming = classes.filter(ends_at__gt=now).order_by("starts_at", "pk")
    to_close = classes.filter(ends_at__lte=now, status=SmartphoneClass.Status.SCHEDULED).order_by(
        "-starts_at", "pk"
    )
    recent = (
        classes.filter(ends_at__lte=now)
        .exclude(status=SmartphoneClass.Status.SCHEDULED)
        .order_by("-starts_at", "pk")[:20]
    )
    return render(
        request,
        "classes/manage/index.html",
        {
            "centres": managed_centres(user=request.user),
            "upcoming": upcoming,
            "to_close": to_close,
            "recent": recent,
        },
    )


def _class_values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "topic": data["topic"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "place": data["place"],
        "capacity": data["capacity"],
        "description": data["description"],
        "what_to_bring": data["what_to_bring"],
        "published": data["published"],
    }


def _warn_about_instructors(request, smartphone_class):
    warning = unqualified_instructor_warning(
        instructors=smartphone_class.instructors.all(),
        day=timezone.localtime(smartphone_class.starts_at).date(),
    )
    if warning:
        messages.warning(request, warning)


@permission_required(Permission.MANAGE_CLASSES)
def class_create(request):
    centres = managed_centres(user=request.user)
    form = ClassForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        try:
            created = create_class(
                centre=form.cleaned_data["centre"],
                instructors=form.cleaned_data["instructors"],
                **_class_values(form),
            )
        except ValidationError as failure:  # what only the model can check
            for field, errors in failure.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The class was saved."))
            _warn_about_instructors(request, created)
            return redirect("classes:manage_class", pk=created.pk)
    return render(request, "classes/manage/class_form.html", {"form": form, "creating": True})


@permission_required(Permission.MANAGE_CLASSES)
def class_edit(request, pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    if smartphone_class.is_cancelled:
        messages.error(request, _("A cancelled class cannot be changed."))
        return redirect("classes:manage_class", pk=pk)
    form = ClassForm(
        request.POST or None,
        instance=smartphone_class,
        centres=managed_centres(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            updated = update_class(
                smartphone_class=smartphone_class,
                instructors=form.cleaned_data["instructors"],
                **_class_values(form),
            )
        except Refused as failure:
            form.add_error(None, str(failure))
        else:
            messages.success(request, _("The class was saved."))
            _warn_about_instructors(request, updated)
            return redirect("classes:manage_class", pk=pk)
    return render(
        request,
        "classes/manage/class_form.html",
        {"form": form, "smartphone_class": smartphone_class, "creating": False},
    )


@permission_required(Permission.MANAGE_CLASSES)
def class_manage(request, pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    groups = participant_list(smartphone_class=smartphone_class)
    instructors = list(smartphone_class.instructors.all())
    return render(
        request,
        "classes/manage/class.html",
        {
            "smartphone_class": smartphone_class,
            "confirmed": groups[SignUp.Status.CONFIRMED],
            "waiting": groups[SignUp.Status.WAITING],
            "cancelled": groups[SignUp.Status.CANCELLED],
            "instructors": instructors,
            "instructor_warning": unqualified_instructor_warning(
                instructors=instructors,
                day=timezone.localtime(smartphone_class.starts_at).date(),
            ),
            "started": smartphone_class.starts_at <= timezone.now(),
            "keep_days": settings.CLASSES_PERSONAL_DATA_DAYS,
        },
    )


@permission_required(Permission.MANAGE_CLASSES)
def class_print(request, pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    groups = participant_list(smartphone_class=smartphone_class)
    response = render(
        request,
        "classes/manage/print.html",
        {
            "smartphone_class": smartphone_class,
            "confirmed": groups[SignUp.Status.CONFIRMED],
            "waiting": groups[SignUp.Status.WAITING],
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(Permission.MANAGE_CLASSES)
@require_POST
def class_cancel(request, pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    try:
        cancel_class(smartphone_class=smartphone_class)
    except Refused as failure:
        messages.error(request, str(failure))
    else:
        messages.success(
            request,
            _(
                "The class was cancelled. It stays in the calendars marked as cancelled. Please phone the people without e-mail."
            ),
        )
    return redirect("classes:manage_class", pk=pk)


@permission_required(Permission.MANAGE_CLASSES)
def signup_add(request, pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    form = StaffSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = sign_up(
                smartphone_class=smartphone_class,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                age_band=data["age_band"],
                party_size=data["party_size"],
                channel=data["channel"],
                entered_by=request.user,
            )
        except Refused as failure:
            form.add_error(None, str(failure))
        else:
            if created.status == SignUp.Status.CONFIRMED:
                text = _("%(name)s has a seat. Confirmation number: %(number)s")
            else:
                text = _(
                    "The class is full: %(name)s is on the waiting list. Confirmation number: %(number)s"
                )
            messages.success(request, text % {"name": created.name, "number": created.number})
            return redirect("classes:manage_class", pk=pk)
    return render(
        request,
        "classes/manage/signup_form.html",
        {
            "smartphone_class": smartphone_class,
            "form": form,
            "keep_days": settings.CLASSES_PERSONAL_DATA_DAYS,
        },
    )


@permission_required(Permission.MANAGE_CLASSES)
@require_POST
def signup_cancel(request, pk: int, signup_pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    signup = access_managed_signup(
        user=request.user, smartphone_class=smartphone_class, pk=signup_pk
    )
    try:
        promoted = cancel_signup(signup=signup)
    except Refused as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, _("The sign-up was cancelled."))
        for moved in promoted:
            messages.info(
                request,
                _(
                    "%(name)s moved up from the waiting list and now has a seat. Please tell them (phone %(phone)s)."
                )
                % {"name": moved.name, "phone": moved.phone},
            )
    return redirect("classes:manage_class", pk=pk)


@permission_required(Permission.MANAGE_CLASSES)
@require_POST
def attendance(request, pk: int):
    smartphone_class = access_managed_class(user=request.user, pk=pk)
    confirmed = participant_list(smartphone_class=smartphone_class)[SignUp.Status.CONFIRMED]
    form = AttendanceForm(request.POST, signups=confirmed)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("classes:manage_class", pk=pk)
    try:
        record_attendance(
            smartphone_class=smartphone_class,
            attended=form.cleaned_data["attended"],
            walk_ins=form.cleaned_data["walk_ins"],
            mark_held=form.cleaned_data["mark_held"],
        )
    except Refused as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, _("Attendance was saved."))
    return redirect("classes:manage_class", pk=pk)
