"""Public pages for citizens: no login, plain words, large text, phone numbers to tap.

They extend ``classes/public/base.html``: the city's name and スマホ教室 in the header, the
city's office and phone in the footer, no staff menu or language switch."""

import datetime as dt
import functools
import io
import itertools

import segno
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from classes import accessibility
from classes.forms import FlyerPeriodForm, SignUpForm, TownForm
from classes.models import Centre, Channel, SmartphoneClass
from classes.selectors import (
    centres_with_towns,
    month_classes,
    public_class,
    upcoming_classes,
)
from classes.services.signups import (
    AlreadySignedUp,
    SignupState,
    can_cancel,
    cancel_signup,
    cancel_token,
    free_seats,
    sign_up,
    signup_from_token,
    signup_state,
    waiting_position,
)
from learning import fiscal
from learning.errors import Refused
from learning.links import absolute_url

UPCOMING_MONTHS = 4
SIGNUP_PAGE_REFERRER_POLICY = "same-origin"
MIN_YEAR, MAX_YEAR = 2022, 2100


def public_page(view):
    """A page of the public site: what is not found is told in the site's own plain words
    (with the city's phone number), not on the staff system's 404 page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return not_found(request)

    return wrapped


def not_found(request, *, expired_link: bool = False):
    response = render(
        request,
        "classes/public/not_found.html",
        {"expired_link": expired_link, "keep_days": settings.CLASSES_PERSONAL_DATA_DAYS},
        status=404,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _by_month(classes):
    """[(first day of month, [classes])] in date order."""

    def month_of(c):
        local = timezone.localtime(c.starts_at, fiscal.TOKYO)
        return local.date().replace(day=1)

    return [(month, list(group)) for month, group in itertools.groupby(classes, key=month_of)]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _by_day(classes):
    """[(day, [classes])] in date order (Asia/Tokyo)."""

    def day_of(c):
        return timezone.localtime(c.starts_at, fiscal.TOKYO).date()

    return [(day, list(group)) for day, group in itertools.groupby(classes, key=day_of)]


@public_page
def index(request):
    """Upcoming classes by month, each with its centre. The reader may say where they live
    (「お住まいの地区」): their centre's classes come first."""
    today = timezone.localdate(timezone=fiscal.TOKYO)
    until_day = _add_months(today.replace(day=1), UPCOMING_MONTHS)
    until = dt.datetime.combine(until_day, dt.time(), tzinfo=fiscal.TOKYO)
    classes = list(upcoming_classes(until=until))
    centres = list(centres_with_towns())
    form = TownForm(request.GET if "town" in request.GET else None, centres=centres)
    near = None
    if form.is_bound and form.is_valid():
        near = form.cleaned_data["centre"]
    near_classes = [c for c in classes if near and c.centre_id == near.pk]
    other_classes = [c for c in classes if not near or c.centre_id != near.pk]
    return render(
        request,
        "classes/public/index.html",
        {
            "form": form,
            "town": form.cleaned_data["town"] if near else None,
            "near": near,
            "near_classes": near_classes,
            "months": _by_month(other_classes),
            "centres": centres,
            "this_month": today.replace(day=1),
            "month_links": [_add_months(today.replace(day=1), n) for n in range(UPCOMING_MONTHS)],
            "feed_url": absolute_url(reverse("classes:feed")),
            "webcal_url": _webcal(reverse("classes:feed")),
        },
    )


def _webcal(path: str) -> str:
    return "webcal://" + absolute_url(path).split("://", 1)[-1]


@public_page
def month(request, year: int, month: int):
    """Every class of one month, by date (each with its centre)."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise Http404
    first = dt.date(year, month, 1)
    classes = list(month_classes(year=year, month=month))
    return render(
        request,
        "classes/public/month.html",
        {
            "month": first,
            "previous": _add_months(first, -1),
            "next": _add_months(first, 1),
            "days": _by_day(classes),
            "count": len(classes),
        },
    )


@public_page
def centre(request, slug: str):
    """A centre: where it is, how to get there, when it is open, and its classes."""
    centre = get_object_or_404(centres_with_towns(), slug=slug)
    classes = list(upcoming_classes(centre=centre))
    feed_path = reverse("classes:centre_feed", kwargs={"slug": centre.slug})
    feed_url = absolute_url(feed_path)
    return render(
        request,
        "classes/public/centre.html",
        {
            "centre": centre,
            "months": _by_month(classes),
            "feed_url": feed_url,
            "webcal_url": _webcal(feed_path),
            "page_url": absolute_url(centre.get_absolute_url()),
            "map_url": _map_url(centre),
        },
    )


def _map_url(centre: Centre) -> str:
    """The centre on 国土地理院's map (地理院地図), when its position is known."""
    if centre.latitude is None or centre.longitude is None:
        return ""
    return f"https://maps.gsi.go.jp/#17/{centre.latitude}/{centre.longitude}/"


def centre_qr(request, slug: str):
    """A QR code (SVG) that opens the centre's page: for flyers and posters."""
    centre = get_object_or_404(Centre, slug=slug)
    url = absolute_url(centre.get_absolute_url())
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=4, title=centre.name)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@public_page
def flyer(request, slug: str):
    """A printable A4 flyer of one centre's classes over a period (default three months)."""
    centre = get_object_or_404(Centre, slug=slug)
    form = FlyerPeriodForm(request.GET or None)
    today = timezone.localdate(timezone=fiscal.TOKYO)
    start, months = today.replace(day=1), 3
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        months = form.cleaned_data["months"] or months
    start_at = dt.datetime.combine(start, dt.time(), tzinfo=fiscal.TOKYO)
    end_day = _add_months(start.replace(day=1), months)
    end_at = dt.datetime.combine(end_day, dt.time(), tzinfo=fiscal.TOKYO)
    classes = list(
        upcoming_classes(centre=centre, now=start_at, until=end_at).filter(
            status=SmartphoneClass.Status.SCHEDULED
        )
    )
    return render(
        request,
        "classes/public/flyer.html",
        {
            "centre": centre,
            "classes": classes,
            "form": form
            if form.is_bound
            else FlyerPeriodForm(initial={"start": start, "months": months}),
            "start": start,
            "last_day": end_day - dt.timedelta(days=1),
            "page_url": absolute_url(centre.get_absolute_url()),
        },
    )


@public_page
def class_detail(request, pk: int):
    smartphone_class = public_class(pk=pk)
    return render(
        request,
        "classes/public/class.html",
        {
            "smartphone_class": smartphone_class,
            "seats_left": free_seats(smartphone_class),
            "open": _open_for_signup(smartphone_class),
            "waiting_list": signup_state(smartphone_class) == SignupState.WAITING_LIST,
        },
    )


def _open_for_signup(smartphone_class) -> bool:
    return signup_state(smartphone_class).takes_signups


@public_page
@require_http_methods(["GET", "POST"])
def signup(request, pk: int):
    smartphone_class = public_class(pk=pk)
    if not _open_for_signup(smartphone_class):
        return render(
            request, "classes/public/signup_closed.html", {"smartphone_class": smartphone_class}
        )
    seats_left = free_seats(smartphone_class)
    pair_waits = signup_state(smartphone_class, party=2) == SignupState.WAITING_LIST
    form = SignUpForm(request.POST or None)
    error = None
    status = 200
    if request.method == "POST" and is_ratelimited(
        request,
        group="classes-signup",
        key="ip",
        rate=settings.CLASSES_SIGNUP_RATE,
        method="POST",
        increment=True,
    ):
        # Shared cache (REDIS_URL in production), so every worker counts the same requests.
        error = _(
            "Too many sign-ups came from this connection just now. Please wait a few minutes, "
            "or call the community centre."
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = sign_up(
                smartphone_class=smartphone_class,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                age_band=data["age_band"],
                party_size=data["party_size"],
                channel=Channel.ONLINE,
            )
        except AlreadySignedUp:
            # Whoever knows a name and a phone number must not learn that it is signed up.
            error = _(
                "We could not take this sign-up online. Please call the community centre: "
                "they can check it and sign you up by phone."
            )
        except Refused as failure:
            error = str(failure)
        else:
            return redirect("classes:signup_detail", token=cancel_token(created))
    return render(
        request,
        "classes/public/signup.html",
        {
            "smartphone_class": smartphone_class,
            "seats_left": seats_left,
            "waiting_list": signup_state(smartphone_class) == SignupState.WAITING_LIST,
            "pair_waits": pair_waits,
            "form": form,
            "error": error,
            "rate_limited": status == 429,
            "keep_days": settings.CLASSES_PERSONAL_DATA_DAYS,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def signup_detail(request, token: str):
    """The confirmation page the link in the mail (and the redirect after signing up) opens.
    The signed token is the only key: whoever holds it may see and cancel the sign-up."""
    found = signup_from_token(token)
    if found is None or found.erased_at is not None:
        return not_found(request, expired_link=True)
    error = None
    if request.method == "POST" and "cancel" in request.POST:
        try:
            cancel_signup(signup=found)
        except Refused as failure:
            error = str(failure)
        else:
            return redirect("classes:signup_detail", token=token)
    response = render(
        request,
        "classes/public/signup_detail.html",
        {
            "signup": found,
            "smartphone_class": found.smartphone_class,
            "centre": found.smartphone_class.centre,
            "waiting_position": waiting_position(found),
            "error": error,
            "can_cancel": can_cancel(found),
        },
    )
    # The page shows a name and a phone number: keep it out of shared caches and history.
    response["Cache-Control"] = "private, no-store"
    # The address holds the token: send it to no other site. Not "no-referrer": with it,
    # browsers post the cancel form with "Origin: null", which the CSRF check refuses.
    response["Referrer-Policy"] = SIGNUP_PAGE_REFERRER_POLICY
    return response


@public_page
def accessibility_policy(request):
    """ウェブアクセシビリティ方針: the target, the pages tested, and the date and result of
    the last test as recorded in the repository (never "today")."""
    return render(
        request,
        "classes/public/accessibility.html",
        {"policy": accessibility.POLICY, "record": accessibility.last_test()},
    )
