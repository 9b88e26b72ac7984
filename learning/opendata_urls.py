from django.urls import path

from learning import opendata_views as views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.json", views.catalog_json, name="catalog"),
    path("<slug:key>.csv", views.dataset_csv, name="csv"),
    path("<slug:key>.json", views.dataset_json, name="json"),
    path("<slug:key>.schema.json", views.dataset_schema, name="schema"),
]
