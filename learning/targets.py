"""What every app's yearly targets share.

The plan's targets end with FY2026; from then on a year has targets only once HR or an
administrator sets them or copies the last year's. Until then the year is a normal year
with no targets: pages say so (``templates/includes/targets_not_set.html``) and offer the
way to set them, and nobody is judged against a target that does not exist.

Each app keeps its targets in a model with a ``fiscal_year`` field (``courses.Target``,
``classes.ClassTarget``, ``support.CoverageTarget``) and copies them with
``copy_year_targets``.
"""

from django.contrib import admin, messages
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.closing import ensure_open
from learning.errors import Refused


class TargetCopyError(Refused):
    """A copy was refused; the message is shown to the user as it is."""


def has_targets(model: type[models.Model], *, fy: int) -> bool:
    return model.objects.filter(fiscal_year=fy).exists()


def latest_year_with_targets(model: type[models.Model], *, before: int) -> int | None:
    """The last fiscal year before ``before`` that has targets in ``model``."""
    return (
        model.objects.filter(fiscal_year__lt=before)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )


def copy_year_targets(
    *, model: type[models.Model], from_year: int, to_year: int, fields: tuple[str, ...]
) -> list[models.Model]:
    """Copy every target of ``from_year`` to ``to_year`` (``fields`` besides the year).

    Refused (``TargetCopyError``) when the years are the same, ``from_year`` has no targets
    or ``to_year`` already has some, so nobody overwrites a year by accident.
    """
    if from_year == to_year:
        raise TargetCopyError(_("Choose a different year to copy to."))
    ensure_open(to_year)  # a closed year's targets are its record: FiscalYearClosed
    sources = list(model.objects.filter(fiscal_year=from_year).order_by(*fields))
    if not sources:
        raise TargetCopyError(_("The year to copy from has no targets."))
    copies = [
        model(fiscal_year=to_year, **{name: getattr(source, name) for name in fields})
        for source in sources
    ]
    for copy in copies:  # uniqueness is checked below, inside the transaction
        copy.full_clean(validate_unique=False, validate_constraints=False)
    already = _("That year already has targets. Edit them instead of copying.")
    try:
        with transaction.atomic():
            # Checked inside the transaction; the unique constraint catches a concurrent copy.
            if model.objects.filter(fiscal_year=to_year).exists():
                raise TargetCopyError(already)
            model.objects.bulk_create(copies)
    except IntegrityError:
        raise TargetCopyError(already) from None
    return copies


def copy_targets_forward(
    *, model: type[models.Model], to_year: int, fields: tuple[str, ...]
) -> list[int]:
    """Give every year after the last one with targets, up to ``to_year``, that year's
    targets (the demo data do this for the years after the plan). Returns the years filled."""
    latest = latest_year_with_targets(model, before=to_year + 1)
    if latest is None:
        return []
    filled = list(range(latest + 1, to_year + 1))
    for year in filled:
        copy_year_targets(model=model, from_year=year - 1, to_year=year, fields=fields)
    return filled


def admin_changelist(user, model: type[models.Model]) -> str:
    """The admin page where ``user`` may set ``model``'s targets, or "" if they may not."""
    meta = model._meta
    if not (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{meta.app_label}.add_{meta.model_name}")
    ):
        return ""
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


@admin.action(description=gettext_lazy("Copy the selected years' targets to the next year"))
def copy_to_next_year(modeladmin, request, queryset) -> None:
    """Admin action: copy each selected year's targets to the year after it. The model
    admin names the fields to copy in ``target_fields``."""
    from learning import fiscal

    for year in sorted(set(queryset.values_list("fiscal_year", flat=True))):
        try:
            copies = copy_year_targets(
                model=queryset.model,
                from_year=year,
                to_year=year + 1,
                fields=modeladmin.target_fields,
            )
        except TargetCopyError as error:
            modeladmin.message_user(request, f"{fiscal.label(year + 1)}: {error}", messages.ERROR)
        else:
            modeladmin.message_user(
                request,
                _("%(count)d targets copied to %(year)s.")
                % {"count": len(copies), "year": fiscal.label(year + 1)},
                messages.SUCCESS,
            )
