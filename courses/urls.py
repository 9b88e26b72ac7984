from django.urls import include, path

from courses.views import organiser, roster, training

app_name = "courses"

urlpatterns = [
    path("", training.catalogue, name="catalogue"),
    path("c/<str:code>/", training.course_detail, name="course"),
    path("sessions/<int:pk>/", training.session_detail, name="session"),
    path("sessions/<int:pk>/register/", training.register, name="register"),
    path("registrations/<int:pk>/cancel/", training.cancel, name="cancel_registration"),
    path("my/", training.my_training_page, name="my_training"),
    path("my/calendar/renew/", training.rotate_feed, name="rotate_feed"),
    path("calendar/<str:token>.ics", training.personal_feed, name="personal_feed"),
    path("organise/", organiser.my_sessions, name="organise"),
    path("organise/c/<str:code>/sessions/new/", organiser.new_session, name="new_session"),
    path("organise/sessions/<int:pk>/", organiser.manage_session, name="organise_session"),
    path("organise/sessions/<int:pk>/walk-in/", organiser.walk_in, name="walk_in"),
    path("organise/sessions/<int:pk>/status/", organiser.session_status, name="session_status"),
    path(
        "organise/sessions/<int:pk>/participants/", organiser.participant_list, name="participants"
    ),
    path("roster/import/", roster.RosterImportView.as_view(), name="roster_import"),
    path(
        "roster/import/<uuid:pk>/",
        roster.RosterImportJobView.as_view(),
        name="roster_import_job",
    ),
    path(
        "roster/import/<uuid:pk>/status/",
        roster.RosterImportStatusView.as_view(),
        name="roster_import_status",
    ),
    path("", include("courses.hr_urls")),
]
