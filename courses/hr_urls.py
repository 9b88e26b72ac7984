"""HR's pages: compliance, targets, exemptions, external-training review (included by courses.urls),
and the staff page for reporting external training."""

from django.urls import path

from courses.views import external, hr

urlpatterns = [
    path("compliance/", hr.ComplianceView.as_view(), name="compliance"),
    path("compliance/chart.<str:fmt>", hr.ComplianceChartView.as_view(), name="compliance_chart"),
    path("targets/", hr.TargetListView.as_view(), name="targets"),
    path("targets/<int:fy>/<str:role>/", hr.TargetEditView.as_view(), name="target_edit"),
    path("exemptions/", hr.ExemptionListView.as_view(), name="exemptions"),
    path("exemptions/<int:pk>/remove/", hr.ExemptionRemoveView.as_view(), name="exemption_remove"),
    path("external/", external.ExternalTrainingNewView.as_view(), name="external_new"),
    path("external/review/", hr.ExternalReviewListView.as_view(), name="external_review"),
    path(
        "external/<int:pk>/review/", hr.ExternalReviewView.as_view(), name="external_review_decide"
    ),
]
