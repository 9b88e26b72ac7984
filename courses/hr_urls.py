"""HR's pages: compliance, targets, exemptions, external-training review (included by courses.urls)."""

urlpatterns = []
