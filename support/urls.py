from django.urls import path

from support.views import coverage, households, imports, loans

app_name = "support"

urlpatterns = [
    path("", households.HouseholdListView.as_view(), name="households"),
    path("households/new/", households.HouseholdCreateView.as_view(), name="household_create"),
    path("households/<int:pk>/", households.HouseholdDetailView.as_view(), name="household"),
    path(
        "households/<int:pk>/edit/", households.HouseholdUpdateView.as_view(), name="household_edit"
    ),
    path(
        "households/<int:pk>/close/",
        households.CloseHouseholdView.as_view(),
        name="household_close",
    ),
    path(
        "households/<int:pk>/reopen/",
        households.ReopenHouseholdView.as_view(),
        name="household_reopen",
    ),
    path(
        "households/<int:pk>/support/", households.RecordSupportView.as_view(), name="support_add"
    ),
    path("households/<int:pk>/lend/", loans.LendDeviceView.as_view(), name="lend"),
    path("households/<int:pk>/visit/", loans.HouseholdVisitView.as_view(), name="household_visit"),
    path("loans/", loans.LoanListView.as_view(), name="loans"),
    path("loans/overdue/", loans.OverdueListView.as_view(), name="overdue"),
    path("loans/<int:pk>/return/", loans.ReturnDeviceView.as_view(), name="loan_return"),
    path("visits/", loans.AccessPlaceVisitsView.as_view(), name="visits"),
    path("import/", imports.ImportView.as_view(), name="import"),
    path("import/<uuid:pk>/", imports.ImportJobPage.as_view(), name="import_job"),
    path("import/<uuid:pk>/status/", imports.ImportStatusView.as_view(), name="import_status"),
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path(
        "coverage/chart/<slug:name>.<slug:fmt>",
        coverage.CoverageChartView.as_view(),
        name="coverage_chart",
    ),
]
