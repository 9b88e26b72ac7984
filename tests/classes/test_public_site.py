"""The citizens' site as an older reader meets it: the city's name and スマホ教室, no staff
menu, plain words, every phone number a number to tap, and the centre for where they live."""

import json
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.utils.html import strip_tags

from classes import accessibility
from classes.models import SignUp
from classes.services.signups import Availability, availability, few_seats_left
from tests.classes.factories import SignUpFactory, SmartphoneClassFactory
from tests.classes.public_site import NOW, build_world

pytestmark = pytest.mark.django_db

# Anything that looks like a Japanese phone number in the text of a page (digits in groups).
PHONE_LIKE = re.compile(r"(?<!\d)0\d{1,4}[-‐－ー(（)）]{1,2}\d{1,4}[-‐－ー)）]{1,2}\d{3,4}(?!\d)")


def text_of(body: str) -> str:
    """The page's text, each element apart, spaces collapsed."""
    return " ".join(strip_tags(re.sub(r"<", " <", body)).split())


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(clock):
    return build_world()


class PhoneNumbers(HTMLParser):
    """Phone-like text outside a ``tel:`` link (examples in ``<kbd>`` are not numbers to call)."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.loose: list[str] = []
        self.linked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        href = dict(attrs).get("href") or ""
        self.stack.append((tag, tag == "a" and href.startswith("tel:")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        inside = [tag for tag, _tel in self.stack]
        if {"script", "style", "title", "kbd"} & set(inside):
            return
        in_tel = any(tel for _tag, tel in self.stack)
        for number in PHONE_LIKE.findall(data):
            (self.linked if in_tel else self.loose).append(number)


def test_every_phone_number_on_every_public_page_is_a_tel_link(client, world):
    checked = 0
    for name, (path, _state) in world.pages().items():
        response = client.get(path)
        assert response.status_code in (200, 404), name
        scanner = PhoneNumbers()
        scanner.feed(response.content.decode())
        assert scanner.loose == [], f"{name} ({path}): phone numbers to tap: {scanner.loose}"
        assert scanner.linked, f"{name}: no phone number at all"
        checked += 1
    assert checked == len(world.pages())


def test_the_scanner_finds_a_number_that_is_not_a_link():
    scanner = PhoneNumbers()
    scanner.feed("<p>お電話は 0299-82-0011 へ。例: <kbd>090-1234-5678</kbd></p>")
    assert scanner.loose == ["0299-82-0011"]


def test_numbers_typed_in_free_text_become_links(client, world):
    body = client.get(f"/classes/{world.centre.slug}/").content.decode()
    assert '<a class="tel" href="tel:0299820011">0299-82-0011</a> へ。' in body


def test_the_header_is_the_citys_smartphone_classes_not_the_staff_system(client, world):
    for path, _state in world.pages().values():
        body = client.get(path).content.decode()
        header = body[body.index("<header") : body.index("</header>")]
        assert "鹿嶋市" in header and "スマホ教室" in header, path
        assert "職員研修" not in body and "デジタル支援システム" not in body, path
        assert "ログイン" not in body and "English" not in body and "/i18n/" not in body, path
        assert "<title>" in body and "| 鹿嶋市 スマホ教室</title>" in body, path
        footer = body[body.index("<footer") :]
        assert "職員の方はこちら" in footer and 'href="tel:0299822911"' in footer, path


def test_the_city_comes_from_the_settings(client, world, settings):
    settings.CITY_NAME, settings.CITY_PHONE, settings.CITY_OFFICE = (
        "潮来市",
        "0299-63-1111",
        "潮来市役所",
    )
    body = client.get("/classes/").content.decode()
    assert "潮来市" in body and "鹿嶋市 スマホ教室" not in body
    assert 'href="tel:0299631111"' in body and "潮来市役所" in body


def test_calendar_words_are_plain(client, world):
    for name in ("index", "centre", "class_open", "signup_confirmed"):
        body = client.get(world.pages()[name][0]).content.decode()
        # The calendar's address itself (for typing into Google Calendar) is left out.
        text = text_of(re.sub(r'<p class="long-address">[^<]*</p>', "", body))
        assert "購読" not in text and "URL" not in text and ".ics" not in text, name
        assert "カレンダーに入れる" in text, name


@pytest.mark.parametrize(
    ("capacity", "taken", "expected"),
    [
        (12, 0, Availability.AVAILABLE),
        (12, 8, Availability.AVAILABLE),  # 4 left of 12: more than 3 and more than a fifth
        (12, 9, Availability.FEW_LEFT),  # 3 left
        (30, 23, Availability.AVAILABLE),  # 7 left of 30
        (30, 24, Availability.FEW_LEFT),  # 6 left of 30: a fifth
        (2, 0, Availability.FEW_LEFT),  # a class of two is never "plenty"
        (12, 12, Availability.FULL),
    ],
)
def test_few_left_is_three_seats_or_a_fifth(clock, capacity, taken, expected):
    c = SmartphoneClassFactory(capacity=capacity, starts_at=NOW.replace(day=20))
    for _ in range(taken):
        SignUpFactory(smartphone_class=c)
    assert availability(c, now=NOW) == expected
    assert (
        few_seats_left(free=capacity - taken, capacity=capacity)
        == (expected == Availability.FEW_LEFT)
        or expected == Availability.FULL
    )


def test_seats_are_shown_with_the_mark_and_the_words(client, world):
    marks = {
        "class_open": "◯ 空きあり（残り10席／定員12人）",
        "class_few": "△ 残りわずか（残り2席／定員10人）",
        "class_full": "× 満席（キャンセル待ち受付中）",
        "class_cancelled": "中止",
    }
    for name, words in marks.items():
        text = " ".join(strip_tags(client.get(world.pages()[name][0]).content.decode()).split())
        assert words in text, name
    body = client.get(world.pages()["class_few"][0]).content.decode()
    assert '<span class="seats__mark" aria-hidden="true">△</span>' in body


def test_the_confirmation_page_gives_the_centre_phone_and_opening_hours(client, world):
    text = text_of(client.get(world.pages()["signup_confirmed"][0]).content.decode())
    assert "お申し込みを受け付けました" in text
    assert "2人分の席を取りました。" in text
    assert "鹿島地区公民館へのお問い合わせ" in text and "0299-82-0011" in text
    assert "開いている日: 月・火・水・木・金・土 9:00から17:00まで" in text


def test_a_waiting_reader_without_email_is_told_the_centre_will_phone(client, world):
    text = strip_tags(client.get(world.pages()["signup_waiting"][0]).content.decode())
    assert "キャンセル待ちの1番目です。" in text
    assert "席が空いたら、公民館からお電話します。" in text
    assert "0299-82-0011" in text


def test_a_waiting_reader_with_email_is_told_by_email(client, clock):
    c = SmartphoneClassFactory(capacity=1, starts_at=NOW.replace(day=20))
    SignUpFactory(smartphone_class=c)
    from classes.services.signups import cancel_token, sign_up

    waiting = sign_up(
        smartphone_class=c, name="鹿嶋 花子", phone="090-1234-5678", email="h@example.jp"
    )
    body = client.get(f"/classes/signup/{cancel_token(waiting)}/").content.decode()
    assert "席が空いたら、メールでお知らせします。" in body
    assert "公民館からお電話します" not in body


def test_the_reader_says_where_they_live_and_their_centre_comes_first(client, world):
    body = client.get("/classes/", {"town": world.town.pk}).content.decode()
    text = strip_tags(body)
    assert "宮中の公民館は、鹿島地区公民館です。" in text
    near, others = body.index('id="near"'), body.index("ほかの公民館の教室")
    assert near < body.index("はじめてのスマホ") < others < body.index("LINEの使い方")
    assert '<optgroup label="鹿島地区公民館">' in body
    assert f'<option value="{world.town.pk}" selected>宮中</option>' in body


def test_an_unknown_town_is_a_plain_error_not_a_500(client, world):
    for value in ("999999", "abc", ""):
        response = client.get("/classes/", {"town": value})
        assert response.status_code == 200
        assert "<title>エラー: " in response.content.decode()


def test_the_centre_page_shows_where_it_is_and_how_to_get_there(client, world):
    text = text_of(client.get(f"/classes/{world.centre.slug}/").content.decode())
    for words in (
        "茨城県鹿嶋市宮中1丁目2番3号",
        "地図で見る",
        "開いている日と時間",
        "行き方 鹿嶋市コミュニティバス",
        "駐車場 無料の駐車場（30台）があります。",
        "バリアフリー スロープ",
        "地区の町 宮中",
    ):
        assert words in text, words
    body = client.get(f"/classes/{world.centre.slug}/").content.decode()
    assert 'href="https://maps.gsi.go.jp/#17/35.965700/140.644200/"' in body


def test_a_centre_without_a_position_has_no_map_link(client, world):
    body = client.get(f"/classes/{world.other_centre.slug}/").content.decode()
    assert "maps.gsi.go.jp" not in body


def test_an_expired_or_broken_link_says_so_in_plain_words(client, world):
    response = client.get("/classes/signup/not-a-token/")
    text = strip_tags(response.content.decode())
    assert response.status_code == 404
    assert "このお申し込みは見つかりません。" in text and "0299-82-2911" in text
    assert "スマホ教室" in text  # the public site's page, not the staff system's


def test_examples_stand_next_to_the_fields(client, world):
    body = client.get(world.pages()["signup"][0]).content.decode()
    assert "例: <kbd>090-1234-5678</kbd>" in body
    assert "例: <kbd>鹿嶋 花子</kbd>" in body
    assert 'aria-describedby="id_phone_helptext"' in body


def test_the_month_page_has_every_class_of_the_month_by_date(client, world):
    body = client.get("/classes/month/2026/11/").content.decode()
    days = [body.index(day) for day in ("11月10日", "11月16日", "11月20日", "11月24日")]
    assert days == sorted(days)


def test_the_accessibility_policy_states_the_target_and_the_recorded_test(
    client, world, tmp_path, monkeypatch
):
    record = accessibility.TestRecord(
        tested_on=__import__("datetime").date(2026, 10, 30),
        tool="axe-core 4.14.1",
        browser="Chromium 142",
        screens=["幅320px"],
        pages=[accessibility.TestedPage(path="/classes/", title="スマホ教室", state="")],
        checks=1,
        violations=0,
        sideways_scrolling=0,
    )
    path = tmp_path / "record.json"
    accessibility.write_record(record, path)
    assert json.loads(path.read_text(encoding="utf-8"))["tested_on"] == "2026-10-30"
    monkeypatch.setattr(accessibility, "RECORD", path)
    monkeypatch.setattr(accessibility.last_test, "__defaults__", (path,))
    text = text_of(client.get("/classes/accessibility/").content.decode())
    assert "JIS X 8341-3:2016の適合レベルAAに準拠することを目標にしています。" in text
    assert "2026年10月30日（金）" in text and "問題は見つかりませんでした。" in text
    assert "axe-core 4.14.1" in text and "幅320px" in text
    assert "まだ「準拠」とは表示していません。" in text


def test_the_committed_record_is_what_the_policy_page_shows(client, world):
    record = accessibility.last_test()
    assert record is not None, "run `make accessibility` and commit the record"
    body = client.get("/classes/accessibility/").content.decode()
    assert record.tested_on.strftime("%Y年%-m月%-d日") in body
    assert len(record.pages) >= 15 and record.passed


def test_signups_taken_online_are_for_the_class_shown(client, world):
    assert SignUp.objects.filter(smartphone_class=world.open_class).count() == 2
