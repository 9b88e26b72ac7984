"""Citizens' sign-ups: seats, the waiting list and cancellation.

Seats are counted from the rows every time, under a lock on the class row
(``select_for_update``): two people can never take the last seat together.
"""

import datetime as dt
import secrets
import unicodedata
from enum import StrEnum
from fractions import Fraction

from django.core import signing
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from classes.models import MAX_PARTY_SIZE, Channel, SignUp, SmartphoneClass
from classes.services import ClassesError
from classes.services.notifications import notify_promoted, notify_signed_up
from learning import seats

CANCEL_SALT = "classes.signup.cancel"


def normalise_phone(value: str) -> str:
    """Full-width digits and hyphens (０９０ー…) as typed on Japanese phones, made plain."""
    text = unicodedata.normalize("NFKC", value).strip()
    for dash in "ー－‐−–—―":
        text = text.replace(dash, "-")
    return text.replace(" ", "")


def normalise_name(value: str) -> str:
    """Full-width letters made plain (NFKC) and runs of spaces made one, as stored."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def name_key(value: str) -> str:
    """What two names must share to be the same person: NFKC, no spaces at all, case
    folded ("山田　太郎", "山田 太郎" and "山田太郎" are one person)."""
    return "".join(normalise_name(value).split()).casefold()


class AlreadySignedUp(ClassesError):
    """The same name and phone number already hold a sign-up for the class. Staff see it
    said; the public page must not tell a stranger who is signed up (a neutral answer)."""


def phone_digits(value: str) -> str:
    return "".join(ch for ch in normalise_phone(value) if ch.isdigit())


def is_valid_phone(value: str) -> bool:
    """A Japanese number: 10 or 11 digits starting with 0, hyphens allowed."""
    text = normalise_phone(value)
    digits = phone_digits(value)
    return (
        all(ch.isdigit() or ch in "-()" for ch in text)
        and digits.startswith("0")
        and 10 <= len(digits) <= 11
    )


def cancel_token(signup: SignUp) -> str:
    """The secret in the confirmation link: lets its holder see and cancel this sign-up."""
    return signing.dumps(signup.number, salt=CANCEL_SALT, compress=True)


def signup_from_token(token: str) -> SignUp | None:
    try:
        number = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(number, str):
        return None
    return SignUp.objects.select_related("smartphone_class__centre").filter(number=number).first()


def _new_number() -> str:
    while True:
        digits = f"{secrets.randbelow(10**8):08d}"
        number = f"{digits[:4]}-{digits[4:]}"
        if not SignUp.objects.filter(number=number).exists():
            return number


def seat_counts(smartphone_class: SmartphoneClass) -> tuple[int, int]:
    """(seats taken, seats asked for on the waiting list): sums of the sign-ups' party sizes,
    never counts of rows, in one query. ``selectors.with_seat_counts`` annotates the same."""
    totals = smartphone_class.signups.aggregate(
        taken=Coalesce(Sum("party_size", filter=Q(status=SignUp.Status.CONFIRMED)), 0),
        waiting=Coalesce(Sum("party_size", filter=Q(status=SignUp.Status.WAITING)), 0),
    )
    return totals["taken"], totals["waiting"]


def _annotated_or_counted(smartphone_class: SmartphoneClass) -> tuple[int, int]:
    taken = getattr(smartphone_class, "seats_taken", None)
    waiting = getattr(smartphone_class, "seats_waiting", None)
    if taken is None or waiting is None:
        return seat_counts(smartphone_class)
    return taken, waiting


def free_seats(smartphone_class: SmartphoneClass) -> int:
    """Seats nobody holds (0 when full), from the annotations or a count."""
    taken, _waiting = _annotated_or_counted(smartphone_class)
    return max(smartphone_class.capacity - taken, 0)


class SignupState(StrEnum):
    """Whether a class takes a sign-up now, and how: the one rule the service applies and
    the public pages, badges and staff pages show."""

    OPEN = "open"  # seats left
    WAITING_LIST = "full"  # full: a sign-up goes on the waiting list
    CLOSED = "closed"  # not online any more (the class has started, or is not published)
    FINISHED = "finished"  # the class is over
    CANCELLED = "cancelled"
    HELD = "held"

    @property
    def takes_signups(self) -> bool:
        return self in (SignupState.OPEN, SignupState.WAITING_LIST)


def signup_state(
    smartphone_class: SmartphoneClass,
    *,
    channel: str = Channel.ONLINE,
    now: dt.datetime | None = None,
    taken: int | None = None,
    anyone_waiting: bool | None = None,
    party: int = 1,
) -> SignupState:
    """Online sign-up closes when the class starts (and is only for published classes);
    staff may still take one by phone or at the counter until the class is over.
    ``party`` people asking together get seats only if that many are free and nobody waits
    (``learning.seats``). ``taken`` (seats) / ``anyone_waiting`` default to the class's
    annotations (``selectors.with_seat_counts``) or a count."""
    now = now or timezone.now()
    if smartphone_class.status == SmartphoneClass.Status.CANCELLED:
        return SignupState.CANCELLED
    if smartphone_class.status == SmartphoneClass.Status.HELD:
        return SignupState.HELD
    if smartphone_class.ends_at <= now:
        return SignupState.FINISHED
    if channel == Channel.ONLINE and (
        not smartphone_class.published or smartphone_class.starts_at <= now
    ):
        return SignupState.CLOSED
    if taken is None or anyone_waiting is None:
        counted_taken, counted_waiting = _annotated_or_counted(smartphone_class)
        taken = counted_taken if taken is None else taken
        anyone_waiting = counted_waiting > 0 if anyone_waiting is None else anyone_waiting
    free = smartphone_class.capacity - taken
    if seats.gets_a_seat(party=party, free=free, anyone_waiting=anyone_waiting):
        return SignupState.OPEN
    return SignupState.WAITING_LIST


class Availability(StrEnum):
    """What the public pages show for a class (◯/△/× with words), from ``signup_state``."""

    AVAILABLE = "available"  # ◯ 空きあり
    FEW_LEFT = "few"  # △ 残りわずか
    FULL = "full"  # × 満席（キャンセル待ち受付中）
    CLOSED = "closed"  # 受付終了 (started, or not published)
    FINISHED = "finished"
    CANCELLED = "cancelled"
    HELD = "held"


# "Few left" (△ 残りわずか): three seats or fewer, or a fifth of the class or less.
FEW_SEATS_LEFT = 3
FEW_SEATS_SHARE = Fraction(1, 5)


def few_seats_left(*, free: int, capacity: int) -> bool:
    return free <= max(FEW_SEATS_LEFT, capacity * FEW_SEATS_SHARE)


def availability(
    smartphone_class: SmartphoneClass, *, now: dt.datetime | None = None
) -> Availability:
    """The public badge of a class: ``signup_state`` for one person, with OPEN split into
    plenty of seats and few left (``few_seats_left``)."""
    state = signup_state(smartphone_class, now=now)
    if state == SignupState.OPEN:
        free = free_seats(smartphone_class)
        if few_seats_left(free=free, capacity=smartphone_class.capacity):
            return Availability.FEW_LEFT
        return Availability.AVAILABLE
    if state == SignupState.WAITING_LIST:
        return Availability.FULL
    return Availability(state.value)


REFUSALS = {
    SignupState.CANCELLED: gettext_lazy("This class is not taking sign-ups."),
    SignupState.HELD: gettext_lazy("This class is not taking sign-ups."),
    SignupState.FINISHED: gettext_lazy("This class is over."),
    SignupState.CLOSED: gettext_lazy("Sign-up for this class has closed."),
}


def sign_up(
    *,
    smartphone_class: SmartphoneClass,
    name: str,
    phone: str,
    email: str = "",
    age_band: str = "",
    channel: str = Channel.ONLINE,
    entered_by=None,
    now: dt.datetime | None = None,
    party_size: int = 1,
) -> SignUp:
    """Seats for ``party_size`` people (1 or 2) if that many are free and nobody waits,
    else a place at the end of the waiting list (a pair waits together, ``learning.seats``).

    Raises ClassesError when the class is closed, AlreadySignedUp when the same person
    (name and phone) already signed up.
    The confirmation mail (when an e-mail address is given) is sent after commit."""
    if not 1 <= party_size <= MAX_PARTY_SIZE:
        raise ClassesError(_("A sign-up is for one or two people."))
    name = normalise_name(name)
    phone = normalise_phone(phone)
    with transaction.atomic():
        # The lock: everyone signing up for this class queues here, then counts the rows.
        locked = SmartphoneClass.objects.select_for_update().get(pk=smartphone_class.pk)
        # Read the clock once the lock is held, so sign-up times follow the queue's order.
        now = now or timezone.now()
        active = locked.signups.exclude(status=SignUp.Status.CANCELLED)
        taken, waiting = seat_counts(locked)
        state = signup_state(
            locked,
            channel=channel,
            now=now,
            taken=taken,
            anyone_waiting=waiting > 0,
            party=party_size,
        )
        if not state.takes_signups:
            raise ClassesError(str(REFUSALS[state]))
        digits, key = phone_digits(phone), name_key(name)
        for other_name, other_phone in active.values_list("name", "phone"):
            if name_key(other_name) == key and phone_digits(other_phone) == digits:
                raise AlreadySignedUp(
                    _("%(name)s is already signed up for this class with this phone number.")
                    % {"name": name}
                )
        status = SignUp.Status.CONFIRMED if state == SignupState.OPEN else SignUp.Status.WAITING
        signup = SignUp(
            smartphone_class=locked,
            number=_new_number(),
            status=status,
            name=name,
            phone=phone,
            email=email.strip(),
            age_band=age_band,
            party_size=party_size,
            channel=channel,
            consent_at=now,
            entered_by=entered_by,
            created_at=now,
        )
        signup.full_clean()
        signup.save()
        if signup.email:
            signup_pk = signup.pk
            transaction.on_commit(lambda: notify_signed_up(signup_pk=signup_pk), robust=True)
    return signup


def promote_waiting(
    *, smartphone_class: SmartphoneClass, now: dt.datetime | None = None
) -> list[SignUp]:
    """Give free seats to the waiting list in order, each sign-up its party's seats; a pair
    that does not fit stops the line (``learning.seats.to_promote``). The caller holds the
    class lock."""
    if smartphone_class.status != SmartphoneClass.Status.SCHEDULED:
        return []
    taken, _waiting = seat_counts(smartphone_class)
    free = smartphone_class.capacity - taken
    if free <= 0:
        return []
    now = now or timezone.now()
    waiting = smartphone_class.signups.filter(status=SignUp.Status.WAITING).order_by(
        "created_at", "pk"
    )
    promoted = seats.to_promote(
        ((signup, signup.party_size) for signup in waiting[:free]), free=free
    )
    for signup in promoted:
        signup.status = SignUp.Status.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        if signup.email:
            signup_pk = signup.pk
            transaction.on_commit(lambda pk=signup_pk: notify_promoted(signup_pk=pk), robust=True)
    return promoted


def waiting_position(signup: SignUp) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if signup.status != SignUp.Status.WAITING:
        return None
    waiting = signup.smartphone_class.signups.filter(status=SignUp.Status.WAITING)
    return seats.position(waiting, item=signup, order=("created_at", "pk"))


def can_cancel(signup: SignUp, *, now: dt.datetime | None = None) -> bool:
    """A sign-up can be cancelled (by its holder or the centre) until the class is over."""
    now = now or timezone.now()
    return signup.status != SignUp.Status.CANCELLED and signup.smartphone_class.ends_at > now


def cancel_signup(*, signup: SignUp, now: dt.datetime | None = None) -> list[SignUp]:
    """Cancel a sign-up; a freed seat goes to the first on the waiting list.
    Returns the people moved up. Cancelling twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = SmartphoneClass.objects.select_for_update().get(pk=signup.smartphone_class_id)
        current = SignUp.objects.select_related("smartphone_class").get(pk=signup.pk)
        if current.status == SignUp.Status.CANCELLED:
            return []
        if not can_cancel(current, now=now):
            raise ClassesError(_("This class is over; its sign-ups can no longer be cancelled."))
        current.status = SignUp.Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        signup.status, signup.cancelled_at = current.status, current.cancelled_at
        return promote_waiting(smartphone_class=locked, now=now)
