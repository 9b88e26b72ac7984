from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("roster/import/", views.RosterImportView.as_view(), name="roster_import"),
]
