"""Open data in the national formats: イベント一覧 for the smartphone classes and 公共施設一覧
for the centres and free ICT access places, exactly as the Digital Agency's standard lists
the columns; every file valid against its Table Schema (frictionless); a DCAT catalogue."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from frictionless import Resource, Schema

from classes.models import SmartphoneClass
from learning.fiscal import TOKYO
from tests.classes.factories import CentreFactory, SmartphoneClassFactory
from tests.support.factories import AccessPlaceFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)

EVENTS = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,"
    "イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),料金(詳細),"
    "連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,経度,アクセス方法,"
    "駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考"
)
FACILITIES = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_通称,POIコード,"
    "住所,方書,緯度,経度,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,"
    "利用可能日時特記事項,説明,バリアフリー情報,URL,備考"
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def city():
    centre = CentreFactory(
        name="大野公民館",
        name_kana="オオノコウミンカン",
        address="茨城県鹿嶋市大字荒井1",
        phone="0299-69-0000",
        latitude=Decimal("35.965700"),
        longitude=Decimal("140.644200"),
        open_days="12345",
        opens_at=dt.time(8, 30),
        closes_at=dt.time(17, 15),
        access="バス「大野」下車\n徒歩5分",
        parking="30台",
    )
    bare = CentreFactory(name="高松公民館", address="", phone="")  # nothing known: blank, not 0
    start = dt.datetime(2026, 12, 10, 10, 0, tzinfo=TOKYO)
    SmartphoneClassFactory(
        centre=centre,
        title="はじめてのスマホ",
        description="電源の入れ方から。\n地図アプリも使います。",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="2階 会議室",
        capacity=12,
    )
    cancelled = SmartphoneClassFactory(centre=bare, title="マイナポータル入門")
    SmartphoneClass.objects.filter(pk=cancelled.pk).update(status="cancelled")
    SmartphoneClassFactory(centre=bare, title="非公開の準備中", published=False)
    AccessPlaceFactory(
        name="市役所ICTコーナー", address="茨城県鹿嶋市平井1187-1", open_days="12345"
    )
    return centre, bare


def published(client, key):
    response = client.get(reverse("opendata:csv", args=[key]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as stated
    return response.content


def rows_of(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_event_list_has_exactly_the_national_columns(client, city):
    content = published(client, "events")
    assert content.decode("utf-8-sig").splitlines()[0] == EVENTS


def test_a_class_is_one_line_with_dates_times_fee_and_its_page(client, city):
    content = published(client, "events")
    assert content.decode("utf-8-sig").count("\r\n") == 3  # header and two classes
    by_title = {row["イベント名"]: row for row in rows_of(content)}
    first, second = by_title["はじめてのスマホ"], by_title["マイナポータル入門"]
    assert first["都道府県コード又は市区町村コード"] == "082228"
    assert (first["都道府県名"], first["市区町村名"]) == ("茨城県", "鹿嶋市")
    assert sorted(row["NO"] for row in by_title.values()) == ["1", "2"]
    assert (first["開始日"], first["開始時間"], first["終了時間"]) == (
        "2026-12-10",
        "10:00",
        "12:00",
    )
    assert first["説明"].startswith("電源の入れ方から。 地図アプリも使います。")
    assert (first["料金(基本)"], first["料金(詳細)"]) == ("0", "無料")
    assert (first["場所名称"], first["方書"], first["定員"]) == ("大野公民館", "2階 会議室", "12")
    assert first["アクセス方法"] == "バス「大野」下車 徒歩5分"
    assert (first["参加申込終了日"], first["参加申込終了時間"]) == ("2026-12-10", "10:00")
    assert first["URL"].startswith("http://testserver/classes/class/")
    assert first["備考"] == ""
    assert second["備考"] == "中止"
    assert second["緯度"] == "" and second["住所"] == ""  # blank is not 0


def test_the_facility_list_has_the_centres_and_the_access_places(client, city):
    content = published(client, "facilities")
    assert content.decode("utf-8-sig").splitlines()[0] == FACILITIES
    by_name = {row["名称"]: row for row in rows_of(content)}
    assert set(by_name) == {"大野公民館", "高松公民館", "市役所ICTコーナー"}
    ono = by_name["大野公民館"]
    assert (ono["名称_カナ"], ono["緯度"], ono["経度"]) == (
        "オオノコウミンカン",
        "35.965700",
        "140.644200",
    )
    assert (ono["利用可能曜日"], ono["開始時間"], ono["終了時間"]) == (
        "月火水木金",
        "08:30",
        "17:15",
    )
    assert ono["URL"].endswith(f"/classes/{city[0].slug}/")
    bare = by_name["高松公民館"]
    assert bare["緯度"] == bare["経度"] == bare["開始時間"] == bare["利用可能曜日"] == ""
    assert by_name["市役所ICTコーナー"]["説明"].startswith("自由にICT機器を使える場")


@pytest.mark.parametrize("key", ["events", "facilities", "support"])
def test_every_file_is_valid_against_its_published_schema(client, city, key):
    descriptor = client.get(reverse("opendata:schema", args=[key])).json()
    resource = Resource(
        published(client, key),
        format="csv",
        schema=Schema.from_descriptor(descriptor),
        encoding="utf-8-sig",
    )
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_catalogue_describes_every_file_as_dcat(client, city):
    response = client.get(reverse("opendata:catalog"))
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["@type"] == "dcat:Catalog"
    datasets = {entry["dct:identifier"]: entry for entry in data["dcat:dataset"]}
    assert set(datasets) >= {"events", "facilities", "support"}
    events = datasets["events"]
    assert events["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert events["dct:publisher"]["foaf:name"] == "鹿嶋市"
    assert events["dct:modified"].startswith("2026-11-25")
    [distribution] = events["dcat:distribution"]
    assert distribution["dcat:downloadURL"]["@id"] == "http://testserver/opendata/events.csv"
    assert distribution["dct:conformsTo"]["@id"].endswith("/opendata/events.schema.json")


def test_the_catalogue_page_states_licence_encoding_and_the_marker(client, city):
    page = client.get(reverse("opendata:index")).content.decode()
    for expected in ("CC BY 4.0", "BOM", "events.csv", "facilities.csv", "support.csv", "秘匿"):
        assert expected in page, expected
    assert "catalog.json" in page


def test_another_city_publishes_under_its_own_code_and_names(client, city, settings):
    settings.CITY_CODE, settings.CITY_PREFECTURE, settings.CITY_NAME = "082015", "茨城県", "水戸市"
    first = rows_of(published(client, "events"))[0]
    assert (first["都道府県コード又は市区町村コード"], first["市区町村名"]) == ("082015", "水戸市")


def test_an_unchanged_file_answers_304(client, city):
    first = client.get(reverse("opendata:csv", args=["events"]))
    again = client.get(reverse("opendata:csv", args=["events"]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "public" in first["Cache-Control"]


def test_an_unknown_file_is_not_found(client):
    assert client.get("/opendata/nothing.csv").status_code == 404


def test_the_centre_page_says_plainly_that_calendars_update_slowly(client, city):
    centre = city[0]
    page = client.get(reverse("classes:centre", kwargs={"slug": centre.slug})).content.decode()
    assert "半日から1日" in page
    feed = client.get(reverse("classes:centre_feed", kwargs={"slug": centre.slug}))
    text = feed.content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text and "X-PUBLISHED-TTL:PT6H" in text
