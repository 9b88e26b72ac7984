from django.contrib import admin
from django.urls import include, path

from learning import report_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("courses/", include("courses.urls")),
    path("classes/", include("classes.urls")),
    path("support/", include("support.urls")),
    path("opendata/", include("learning.opendata_urls")),
    path("report/", report_views.yearly_report, name="yearly_report"),
    path("report/pdf/", report_views.report_pdf, name="yearly_report_pdf"),
    path(
        "report/chart/<str:name>.<str:fmt>", report_views.report_chart, name="yearly_report_chart"
    ),
    path("report/csv/<str:key>.csv", report_views.report_csv, name="yearly_report_csv"),
    path("report/close/", report_views.close_year, name="close_fiscal_year"),
]
