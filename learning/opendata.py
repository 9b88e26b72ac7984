"""Open data (measure 15): the city's datasets in the Digital Agency's national formats.

Two files follow the 自治体標準オープンデータセット (formerly 推奨データセット) column for
column, so that portals and apps read every city's files the same way:

- ``events.csv`` — イベント一覧: the smartphone classes (rows from the classes app);
- ``facilities.csv`` — 公共施設一覧: the community centres and the free ICT access places
  (rows from the classes and support apps).

Apps plug in through ``Contributions.opendata`` (``learning/plugins.py``): a module with
``events()`` and/or ``facilities()`` (rows as dicts keyed by column name; the core fills
the city's code and names and numbers the rows) and/or ``datasets()`` (datasets of their
own, e.g. the household-support coverage).

Every file is UTF-8 with a BOM (stated in the catalogue, rule L3-08), one record per line
with no line break inside a field (L1-14), blank where a value is unknown (blank is not 0,
L1-09), formulas neutralised, and described by a Frictionless Table Schema (``*.schema.json``).
``/opendata/catalog.json`` lists them as DCAT (JSON-LD) for CKAN and the national catalogue.
"""

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning import city, plugins
from learning.exports import safe_cell
from learning.suppression import MARKER

LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_URL_JA = "https://creativecommons.org/licenses/by/4.0/deed.ja"
ENCODING = "UTF-8 (BOM付き)"
# The Digital Agency's open-data resources, where 自治体標準オープンデータセット is published.
STANDARD_URL = "https://www.digital.go.jp/resources/open_data"
MISSING_VALUES = ("", MARKER)  # blank: not known; X: not shown (秘匿), see MARKER_MEANING


@dataclass(frozen=True)
class Column:
    """One column of a file, described as a Frictionless Table Schema field."""

    name: str
    type: str = "string"  # string, integer, number, date, time, boolean
    format: str = "default"
    description: str = ""

    def descriptor(self) -> dict:
        described = {"name": self.name, "type": self.type}
        if self.format != "default":
            described["format"] = self.format
        if self.description:
            described["description"] = str(self.description)
        return described


@dataclass(frozen=True)
class Dataset:
    """A published file: what it is, its columns, and how to read its rows."""

    key: str  # the file name without extension: /opendata/<key>.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[Sequence]]  # values in column order; None is written blank
    frequency: str  # in words, e.g. 「随時（教室を登録・変更したとき）」
    accrual: str  # the same as a Dublin Core frequency IRI
    modified: Callable[[], dt.datetime | None] = lambda: None
    conforms_to: str = ""  # the national standard the columns follow
    notes: tuple[str, ...] = field(default_factory=tuple)

    def schema(self) -> dict:
        return {
            "fields": [column.descriptor() for column in self.columns],
            "missingValues": list(MISSING_VALUES),
        }


FREQUENCY_CONTINUOUS = "http://purl.org/cld/freq/continuous"
FREQUENCY_ANNUAL = "http://purl.org/cld/freq/annual"

_PLACE = (
    Column("都道府県コード又は市区町村コード", description=_("6-digit local government code")),
    Column("NO", "integer"),
    Column("都道府県名"),
    Column("市区町村名"),
)

EVENT_COLUMNS = (
    *_PLACE,
    Column("イベント名"),
    Column("イベント名_カナ"),
    Column("イベント名_英語"),
    Column("開始日", "date"),
    Column("終了日", "date"),
    Column("開始時間", "time", "%H:%M"),
    Column("終了時間", "time", "%H:%M"),
    Column("開始日時特記事項"),
    Column("説明"),
    Column("料金(基本)", "integer", description=_("Yen; 0 when free")),
    Column("料金(詳細)"),
    Column("連絡先名称"),
    Column("連絡先電話番号"),
    Column("連絡先内線番号"),
    Column("主催者"),
    Column("場所名称"),
    Column("住所"),
    Column("方書"),
    Column("緯度", "number"),
    Column("経度", "number"),
    Column("アクセス方法"),
    Column("駐車場情報"),
    Column("定員", "integer"),
    Column("参加申込終了日", "date"),
    Column("参加申込終了時間", "time", "%H:%M"),
    Column("参加申込方法"),
    Column("URL"),
    Column("備考"),
)

FACILITY_COLUMNS = (
    *_PLACE,
    Column("名称"),
    Column("名称_カナ"),
    Column("名称_通称"),
    Column("POIコード"),
    Column("住所"),
    Column("方書"),
    Column("緯度", "number"),
    Column("経度", "number"),
    Column("電話番号"),
    Column("内線番号"),
    Column("法人番号"),
    Column("団体名"),
    Column(
        "利用可能曜日",
        description=_("Days written together, e.g. 月火水木金 (the project's own rule)"),
    ),
    Column("開始時間", "time", "%H:%M"),
    Column("終了時間", "time", "%H:%M"),
    Column("利用可能日時特記事項"),
    Column("説明"),
    Column("バリアフリー情報"),
    Column("URL"),
    Column("備考"),
)


def one_line(value) -> object:
    """A value as one CSV cell: text on one line (rule L1-14), spaces tidied, safe for
    spreadsheets; numbers, dates and times as they are; None blank."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_cell(" ".join(value.split()))
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _standard_rows(columns: tuple[Column, ...], kind: str) -> Callable[[], list[list]]:
    """Rows of a national-format file, gathered from every app that gives some."""

    def rows() -> list[list]:
        here = city.current()
        names = [column.name for column in columns]
        gathered: list[Mapping] = []
        for _config, module in plugins.modules("opendata"):
            if hasattr(module, kind):
                gathered += getattr(module, kind)()
        result = []
        for number, values in enumerate(gathered, start=1):
            unknown = set(values) - set(names)
            if unknown:
                raise ValueError(f"{kind}: no such column {sorted(unknown)}")
            full = {
                "都道府県コード又は市区町村コード": here.code,
                "NO": number,
                "都道府県名": here.prefecture,
                "市区町村名": here.name,
                **values,
            }
            result.append([full.get(name) for name in names])
        return result

    return rows


def _latest(kind: str) -> Callable[[], dt.datetime | None]:
    def modified():
        times = [
            getattr(module, f"{kind}_modified")()
            for _config, module in plugins.modules("opendata")
            if hasattr(module, f"{kind}_modified")
        ]
        times = [moment for moment in times if moment is not None]
        return max(times, default=None)

    return modified


def datasets() -> list[Dataset]:
    """Every published dataset: the two national formats first, then the apps' own."""
    found = [
        Dataset(
            key="events",
            title=_("Smartphone classes (event list)"),
            description=_(
                "Smartphone classes at the community centres, scheduled or held, from the "
                "previous fiscal year on; cancelled ones are marked 中止 in 備考. Columns of the "
                "national standard event list (イベント一覧)."
            ),
            columns=EVENT_COLUMNS,
            rows=_standard_rows(EVENT_COLUMNS, "events"),
            frequency=_("Whenever a class is added or changed"),
            accrual=FREQUENCY_CONTINUOUS,
            modified=_latest("events"),
            conforms_to=STANDARD_URL,
        ),
        Dataset(
            key="facilities",
            title=_("Community centres and free ICT access places (public facility list)"),
            description=_(
                "The community centres holding smartphone classes and the places where anyone "
                "may use ICT equipment for free. Columns of the national standard public "
                "facility list (公共施設一覧)."
            ),
            columns=FACILITY_COLUMNS,
            rows=_standard_rows(FACILITY_COLUMNS, "facilities"),
            frequency=_("Whenever a facility's details change"),
            accrual=FREQUENCY_CONTINUOUS,
            modified=_latest("facilities"),
            conforms_to=STANDARD_URL,
        ),
    ]
    for _config, module in plugins.modules("opendata"):
        if hasattr(module, "datasets"):
            found += module.datasets()
    return found


def dataset(key: str) -> Dataset | None:
    return next((item for item in datasets() if item.key == key), None)


def csv_bytes(item: Dataset) -> bytes:
    """The file as published: UTF-8 with BOM, CRLF line ends, a header row of column names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in item.columns])
    for row in item.rows():
        writer.writerow([one_line(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def etag_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:32]


def catalog(*, absolute: Callable[[str], str], urls: Callable[[str, str], str]) -> dict:
    """The catalogue as DCAT in JSON-LD. ``urls(kind, key)`` gives a dataset's path for
    ``kind`` in ("csv", "schema", "json"); ``absolute`` makes it absolute (SITE_URL)."""
    here = city.current()
    publisher = {
        "@type": "foaf:Organization",
        "foaf:name": here.name,
        "dct:identifier": here.code,
    }
    entries = []
    for item in datasets():
        modified = item.modified()
        distribution = {
            "@type": "dcat:Distribution",
            "dct:title": f"{item.key}.csv",
            "dcat:downloadURL": {"@id": absolute(urls("csv", item.key))},
            "dcat:accessURL": {"@id": absolute(urls("csv", item.key))},
            "dcat:mediaType": "text/csv",
            "dct:format": "CSV",
            "dct:license": {"@id": LICENSE_URL},
            "dct:conformsTo": {"@id": absolute(urls("schema", item.key))},
            "dcat:characterEncoding": "UTF-8",
        }
        entry = {
            "@type": "dcat:Dataset",
            "@id": absolute(urls("csv", item.key)),
            "dct:identifier": item.key,
            "dct:title": str(item.title),
            "dct:description": str(item.description),
            "dct:publisher": publisher,
            "dct:license": {"@id": LICENSE_URL},
            "dct:accrualPeriodicity": {"@id": item.accrual},
            "dct:language": "ja",
            "dcat:distribution": [distribution],
        }
        if modified is not None:
            entry["dct:modified"] = timezone.localtime(modified).isoformat(timespec="seconds")
        if item.conforms_to:
            entry["dct:conformsTo"] = {"@id": item.conforms_to}
        entries.append(entry)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Catalog",
        "dct:title": f"{here.name} オープンデータ",
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENSE_URL},
        "dcat:dataset": entries,
    }


def weekdays_text(days: Iterable[str]) -> str:
    """["月", "火", …] as 利用可能曜日 writes them: 月火水木金 (blank when unknown)."""
    return "".join(days)
