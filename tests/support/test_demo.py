"""The demo data gives every chart something to show, and loads only once."""

import io

import pytest
from django.utils import timezone

from learning import fiscal
from learning.demo import demo_years, seed_accounts
from support import demo
from support.models import AccessVisit, Household, Loan, SupportRecord
from support.selectors.coverage import coverage_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    from courses import demo as courses_demo

    accounts = seed_accounts()
    courses_demo.seed(accounts=accounts, stdout=io.StringIO())
    return accounts


def test_the_demo_fills_every_year_and_every_chart(accounts):
    demo.seed(accounts=accounts, stdout=io.StringIO())
    assert Household.objects.count() >= 300
    today = timezone.localdate()
    assert Loan.objects.filter(returned_on__isnull=True, due_on__lt=today).count() == 1
    assert SupportRecord.objects.filter(staff=accounts["support"].user.staff).exists()
    for fy in demo_years():
        report = coverage_report(fy=fy)
        assert report.total.needing and report.total.covered, fy
        assert sum(row.households_in_year for row in report.kinds), fy
        assert sum(1 for row in report.districts if row.needing) >= 5, fy
        first, last = fiscal.first_day(fy), fiscal.last_day(fy)
        assert AccessVisit.objects.filter(date__gte=first, date__lte=last).exists(), fy


def test_the_demo_loads_only_once(accounts):
    demo.seed(accounts=accounts, stdout=io.StringIO())
    counts = (Household.objects.count(), SupportRecord.objects.count(), Loan.objects.count())
    demo.seed(accounts=accounts, stdout=io.StringIO())
    assert (
        Household.objects.count(),
        SupportRecord.objects.count(),
        Loan.objects.count(),
    ) == counts
