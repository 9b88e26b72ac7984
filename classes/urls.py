from django.urls import path

from classes.views import calls, centres, feeds, instructors, manage, public, status

app_name = "classes"

urlpatterns = [
    # Public pages (no login).
    path("", public.index, name="index"),
    path("calendar.ics", feeds.all_centres_feed, name="feed"),
    path("month/<int:year>/<int:month>/", public.month, name="month"),
    path("class/<int:pk>/", public.class_detail, name="class"),
    path("class/<int:pk>/calendar.ics", feeds.class_ics, name="class_ics"),
    path("class/<int:pk>/signup/", public.signup, name="signup"),
    path("signup/<str:token>/", public.signup_detail, name="signup_detail"),
    path("accessibility/", public.accessibility_policy, name="accessibility"),
    # Centre staff.
    path("manage/", manage.manage, name="manage"),
    path("manage/new/", manage.class_create, name="class_create"),
    path("manage/instructors/", instructors.instructors, name="instructors"),
    path("manage/instructors/new/", instructors.instructor_edit, name="instructor_create"),
    path("manage/instructors/<int:pk>/edit/", instructors.instructor_edit, name="instructor_edit"),
    path("manage/trainings/new/", instructors.training_create, name="training_create"),
    path("manage/calls/", calls.calls, name="calls"),
    path("manage/calls/<int:signup_pk>/", calls.call_done, name="call_done"),
    path("manage/centres/<slug:slug>/edit/", centres.centre_edit, name="centre_edit"),
    path("manage/<int:pk>/", manage.class_manage, name="manage_class"),
    path("manage/<int:pk>/edit/", manage.class_edit, name="class_edit"),
    path("manage/<int:pk>/cancel/", manage.class_cancel, name="class_cancel"),
    path("manage/<int:pk>/print/", manage.class_print, name="class_print"),
    path("manage/<int:pk>/attendance/", manage.attendance, name="attendance"),
    path("manage/<int:pk>/signups/new/", manage.signup_add, name="signup_add"),
    path(
        "manage/<int:pk>/signups/<int:signup_pk>/cancel/",
        manage.signup_cancel,
        name="signup_cancel",
    ),
    # The measure's status (aggregated figures).
    path("status/", status.status, name="status"),
    path("status/export.csv", status.status_csv, name="status_csv"),
    path("status/chart.<str:fmt>", status.status_chart, name="status_chart"),
    # Per centre; last, because the slug could otherwise shadow the paths above.
    path("<slug:slug>/", public.centre, name="centre"),
    path("<slug:slug>/calendar.ics", feeds.centre_feed, name="centre_feed"),
    path("<slug:slug>/flyer/", public.flyer, name="flyer"),
    path("<slug:slug>/qr.svg", public.centre_qr, name="centre_qr"),
]
