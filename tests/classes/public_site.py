"""A small world of public pages in every state, shared by the page tests and the browser
tests: an open class, one with few seats, a full one with a waiting list, a cancelled one,
and sign-ups confirmed, waiting (without e-mail) and cancelled."""

import datetime as dt
from dataclasses import dataclass

from classes.models import SignUp, SmartphoneClass, Town
from classes.services.signups import cancel_signup, cancel_token, sign_up
from learning import fiscal
from tests.classes.factories import CentreFactory, SmartphoneClassFactory

# Every public page and state, by name (World.pages gives their addresses).
PAGE_NAMES = (
    "index",
    "index_town",
    "index_town_error",
    "month",
    "centre",
    "class_open",
    "class_few",
    "class_full",
    "class_cancelled",
    "signup",
    "signup_waiting_list",
    "signup_closed",
    "signup_confirmed",
    "signup_waiting",
    "signup_cancelled",
    "signup_not_found",
    "not_found",
    "flyer",
    "accessibility",
)
# The stated clock every public-page test runs at.
NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=fiscal.TOKYO)


def at(day: int, hour: int = 10, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=fiscal.TOKYO)


@dataclass
class World:
    centre: object
    other_centre: object
    town: Town
    open_class: SmartphoneClass
    few_class: SmartphoneClass
    full_class: SmartphoneClass
    cancelled_class: SmartphoneClass
    confirmed: SignUp
    waiting: SignUp
    cancelled: SignUp

    def pages(self) -> dict[str, tuple[str, str]]:
        """name → (address, what is on it) of every public page and state."""

        def token(signup):
            return cancel_token(signup)

        return {
            "index": ("/classes/", ""),
            "index_town": (f"/classes/?town={self.town.pk}", "お住まいの地区を選んだとき"),
            "index_town_error": ("/classes/?town=999999", "地区の入力エラー"),
            "month": ("/classes/month/2026/11/", ""),
            "centre": (f"/classes/{self.centre.slug}/", ""),
            "class_open": (f"/classes/class/{self.open_class.pk}/", "空きあり"),
            "class_few": (f"/classes/class/{self.few_class.pk}/", "残りわずか"),
            "class_full": (f"/classes/class/{self.full_class.pk}/", "満席"),
            "class_cancelled": (f"/classes/class/{self.cancelled_class.pk}/", "中止"),
            "signup": (f"/classes/class/{self.open_class.pk}/signup/", ""),
            "signup_waiting_list": (
                f"/classes/class/{self.full_class.pk}/signup/",
                "キャンセル待ち",
            ),
            "signup_closed": (f"/classes/class/{self.cancelled_class.pk}/signup/", "受付終了"),
            "signup_confirmed": (f"/classes/signup/{token(self.confirmed)}/", "受付済み"),
            "signup_waiting": (f"/classes/signup/{token(self.waiting)}/", "キャンセル待ち"),
            "signup_cancelled": (f"/classes/signup/{token(self.cancelled)}/", "取り消し済み"),
            "signup_not_found": ("/classes/signup/not-a-token/", "見つからないとき"),
            "not_found": ("/classes/class/999999/", "見つからないとき"),
            "flyer": (f"/classes/{self.centre.slug}/flyer/", ""),
            "accessibility": ("/classes/accessibility/", ""),
        }


def build_world() -> World:
    centre = CentreFactory(
        name="鹿島地区公民館",
        slug="kashima-site",
        phone="0299-82-0011",
        address="茨城県鹿嶋市宮中1丁目2番3号 鹿島地区まちづくりセンター2階",
        open_days="123456",
        opens_at=dt.time(9),
        closes_at=dt.time(17),
        hours_note="祝日はお休みです。お問い合わせは 0299-82-0011 へ。",
        access="鹿嶋市コミュニティバス「宮中」停留所から歩いて3分です。",
        parking="無料の駐車場（30台）があります。",
        barrier_free="スロープ、エレベーター、車いすで使えるトイレがあります。",
        latitude="35.965700",
        longitude="140.644200",
    )
    other = CentreFactory(name="三笠地区公民館", slug="mikasa-site", phone="0299-82-0012")
    town = Town.objects.create(centre=centre, name="宮中")
    Town.objects.create(centre=other, name="平井")

    def a_class(centre, title, day, capacity, **extra):
        return SmartphoneClassFactory(
            centre=centre,
            title=title,
            starts_at=at(day),
            ends_at=at(day, 12),
            capacity=capacity,
            **extra,
        )

    open_class = a_class(centre, "はじめてのスマホ", 16, 12)
    few_class = a_class(other, "LINEの使い方", 10, 10)
    full_class = a_class(centre, "マイナンバーカードをスマホで使おう", 20, 2)
    cancelled_class = a_class(
        centre, "キャッシュレス決済 入門", 24, 10, status=SmartphoneClass.Status.CANCELLED
    )
    for number in range(8):
        sign_up(smartphone_class=few_class, name=f"参加 {number}", phone=f"090-2000-{number:04d}")
    confirmed = sign_up(
        smartphone_class=open_class, name="鹿嶋 花子", phone="090-1234-5678", party_size=2
    )
    sign_up(smartphone_class=full_class, name="先 一郎", phone="090-3000-0001", party_size=2)
    waiting = sign_up(smartphone_class=full_class, name="待つ 次郎", phone="0299-33-4444")
    cancelled = sign_up(smartphone_class=open_class, name="取消 三郎", phone="090-4000-0001")
    cancel_signup(signup=cancelled)
    return World(
        centre=centre,
        other_centre=other,
        town=town,
        open_class=open_class,
        few_class=few_class,
        full_class=full_class,
        cancelled_class=cancelled_class,
        confirmed=confirmed,
        waiting=waiting,
        cancelled=cancelled,
    )
