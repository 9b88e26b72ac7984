"""Reads of household records (the permission-checked fetchers are in ``support.access``)."""

import datetime as dt

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from learning.permissions import Permission, require
from support.models import AccessPlace, AccessVisit, Device, Household, Loan, SupportRecord


def household_list(*, user) -> QuerySet[Household]:
    """Households with their district, number of support records and last support day."""
    require(user, Permission.SUPPORT_HOUSEHOLDS)
    # Subqueries rather than a join and GROUP BY: the page count then stays a plain COUNT(*).
    records = SupportRecord.objects.filter(household=OuterRef("pk")).order_by().values("household")
    return (
        Household.objects.select_related("district")
        .annotate(
            support_count=Coalesce(
                Subquery(records.annotate(n=Count("pk")).values("n")),
                0,
                output_field=IntegerField(),
            ),
            last_support_on=Subquery(records.annotate(last=Max("date")).values("last")),
        )
        .order_by("reference")
    )


def support_history(*, household: Household) -> QuerySet[SupportRecord]:
    return household.support_records.select_related(
        "staff", "loan__device", "smartphone_class"
    ).order_by("-date", "-pk")


def household_loans(*, household: Household) -> QuerySet[Loan]:
    return household.loans.select_related("device").order_by("-lent_on", "-pk")


def open_loans(*, user) -> QuerySet[Loan]:
    require(user, Permission.SUPPORT_HOUSEHOLDS)
    return (
        Loan.objects.filter(returned_on__isnull=True)
        .select_related("device", "household__district")
        .order_by("due_on", "pk")
    )


def overdue_loans(*, user, today: dt.date) -> QuerySet[Loan]:
    return open_loans(user=user).filter(due_on__lt=today)


def devices_with_state(*, user) -> QuerySet[Device]:
    """Every device, annotated with ``open_loans`` (0 or 1) so the list shows what is free."""
    require(user, Permission.SUPPORT_HOUSEHOLDS)

    return Device.objects.annotate(
        open_loans=Count("loans", filter=Q(loans__returned_on__isnull=True))
    ).order_by("kind", "asset_tag")


def available_devices() -> QuerySet[Device]:
    """Devices in service that are not out on loan."""
    out = Loan.objects.filter(device=OuterRef("pk"), returned_on__isnull=True)
    return Device.objects.filter(in_service=True).exclude(Exists(out))


def visits_per_day(*, first: dt.date, last: dt.date):
    """[(date, place name, visitors)] for the period: anonymous counts and household visits."""

    return (
        AccessVisit.objects.filter(date__gte=first, date__lte=last)
        .values("date", "place__name")
        .annotate(visitors=Sum("visitors"))
        .order_by("-date", "place__name")
    )


def access_places() -> QuerySet[AccessPlace]:
    return AccessPlace.objects.filter(active=True)
