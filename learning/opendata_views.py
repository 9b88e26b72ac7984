"""The public open-data pages: the catalogue, each file, its schema and the DCAT catalogue."""

import json
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from learning import opendata
from learning.links import absolute_url
from learning.suppression import MARKER, MARKER_MEANING

MAX_AGE = 900


def _dataset_or_404(key: str) -> opendata.Dataset:
    found = opendata.dataset(key)
    if found is None:
        raise Http404
    return found


def _url(kind: str, key: str) -> str:
    return reverse(f"opendata:{kind}", kwargs={"key": key})


def _public(response, request, *, etag: str):
    """Public and cacheable; a client that has this version gets 304."""
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    response["ETag"] = quote_etag(etag)
    return response


def index(request):
    items = [
        {
            "dataset": item,
            "csv": _url("csv", item.key),
            "schema": _url("schema", item.key),
            "json": _url("json", item.key),
            "modified": item.modified(),
        }
        for item in opendata.datasets()
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "items": items,
            "license_url": opendata.LICENSE_URL_JA,
            "encoding": opendata.ENCODING,
            "marker": MARKER,
            "marker_meaning": MARKER_MEANING,
        },
    )


def dataset_csv(request, key: str):
    item = _dataset_or_404(key)
    content = opendata.csv_bytes(item)
    etag = opendata.etag_of(content)
    not_modified = get_conditional_response(request, etag=quote_etag(etag))
    if not_modified is not None:
        return _public(not_modified, request, etag=etag)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{item.key}.csv"'
    return _public(response, request, etag=etag)


def dataset_json(request, key: str):
    """The same rows as JSON, with the licence and the columns, for apps that prefer it."""
    item = _dataset_or_404(key)
    names = [column.name for column in item.columns]
    data = {
        "title": str(item.title),
        "description": str(item.description),
        "license": opendata.LICENSE,
        "license_url": opendata.LICENSE_URL,
        "suppression": str(MARKER_MEANING),
        "columns": names,
        "rows": [dict(zip(names, map(_json_value, row), strict=True)) for row in item.rows()],
    }
    content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    etag = opendata.etag_of(content)
    not_modified = get_conditional_response(request, etag=quote_etag(etag))
    if not_modified is not None:
        return _public(not_modified, request, etag=etag)
    return _public(
        HttpResponse(content, content_type="application/json; charset=utf-8"), request, etag=etag
    )


def _json_value(value):
    """A cell as JSON: numbers stay numbers (Decimal too), unknown is null."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return opendata.one_line(value)


def dataset_schema(request, key: str):
    item = _dataset_or_404(key)
    return _public(
        JsonResponse(item.schema(), json_dumps_params={"ensure_ascii": False, "indent": 1}),
        request,
        etag=opendata.etag_of(json.dumps(item.schema(), ensure_ascii=False).encode()),
    )


def catalog_json(request):
    data = opendata.catalog(absolute=absolute_url, urls=_url)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
