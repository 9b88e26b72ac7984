from django.urls import include, path

from courses.views import roster

app_name = "courses"

urlpatterns = [
    path("roster/import/", roster.RosterImportView.as_view(), name="roster_import"),
    path("", include("courses.hr_urls")),
]
