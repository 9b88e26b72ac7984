"""The report's charts: Japanese labels without missing glyphs, PNG and SVG downloads."""

import warnings

import pytest
from django.urls import reverse
from django.utils import translation

from learning.charts import render
from support.charts import CHARTS, draw
from support.selectors.coverage import coverage_report
from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    for name in ("鹿島", "高松", "豊郷"):
        SupportRecordFactory(household=HouseholdFactory(district=DistrictFactory(name=name)))


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_a_chart_renders_japanese_labels_without_missing_glyph_warnings(data, name, fmt):
    with translation.override("ja"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = draw(name, coverage_report(fy=2024))
        content = render(figure, fmt=fmt)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert content.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in content
    if fmt == "svg":
        assert b"IPAexGothic" in content or b"<path" in content


def test_the_history_chart_title_is_japanese(data):
    with translation.override("ja"):
        figure = draw("history", coverage_report(fy=2024))
    title = figure.axes[0].get_title()
    assert any("\u3040" <= ch <= "\u9fff" for ch in title), title


def test_charts_are_served_and_downloadable(viewer_client, data):
    png = viewer_client.get(
        reverse("support:coverage_chart", args=["districts", "png"]) + "?fy=2024"
    )
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    svg = viewer_client.get(
        reverse("support:coverage_chart", args=["kinds", "svg"]) + "?fy=2024&download=1"
    )
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"] == 'attachment; filename="support-kinds-2024.svg"'


def test_unknown_charts_and_formats_are_404(viewer_client):
    assert (
        viewer_client.get(reverse("support:coverage_chart", args=["pie", "png"])).status_code == 404
    )
    assert (
        viewer_client.get(reverse("support:coverage_chart", args=["history", "gif"])).status_code
        == 404
    )


def test_charts_render_for_an_empty_city(viewer_client):
    response = viewer_client.get(reverse("support:coverage_chart", args=["history", "png"]))
    assert response.status_code == 200
