from django.contrib import admin
from django.urls import include, path

from learning import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("courses/", include("courses.urls")),
    path("classes/", include("classes.urls")),
    path("support/", include("support.urls")),
    path("opendata/", include("support.opendata_urls")),
]
