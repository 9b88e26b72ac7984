from django.urls import path

from support.views import opendata

app_name = "opendata"

urlpatterns = [
    path("", opendata.index, name="index"),
    path("support.csv", opendata.support_csv, name="support_csv"),
    path("support.json", opendata.support_json, name="support_json"),
]
