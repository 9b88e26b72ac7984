"""Public pages for citizens: no login, plain words, large text."""

import datetime as dt
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

from classes.forms import FlyerPeriodForm, SignUpForm
from classes.models import Centre, Channel, SmartphoneClass
from classes.selectors import (
    month_classes,
    public_centres,
    public_class,
    upcoming_classes,
)
from classes.services.signups import (
    can_cancel,
    cancel_signup,
    cancel_token,
    sign_up,
    signup_from_token,
    signup_state,
    waiting_position,
)
from learning import fiscal
from learning.errors import Refused

UPCOMING_MONTHS = 4
SIGNUP_PAGE_REFERRER_POLICY = "same-origin"
MIN_YEAR, MAX_YEAR = 2022, 2100


def _by_month(classes):
    """[(first day of month, [classes])] in date order."""

    def month_of(c):
        local = timezone.localtime(c.starts_at, fiscal.TOKYO)
        return local.date().replace(day=1)

    return [(month, list(group)) for month, group in itertools.groupby(classes, key=month_of)]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def index(request):
    """Upcoming classes by month, each with its centre; links to every centre's page."""
    today = timezone.localdate(timezone=fiscal.TOKYO)
    until_day = _add_months(today.replace(day=1), UPCOMING_MONTHS)
    until = dt.datetime.combine(until_day, dt.time(), tzinfo=fiscal.TOKYO)
    classes = list(upcoming_classes(until=until))
    return render(
        request,
        "classes/public/index.html",
        {
            "months": _by_month(classes),
            "centres": public_centres(),
            "this_month": today.replace(day=1),
            "month_links": [_add_months(today.replace(day=1), n) for n in range(UPCOMING_MONTHS)],
        },
    )


def month(request, year: int, month: int):
    """Every class of one month, grouped by centre."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise Http404
    first = dt.date(year, month, 1)
    classes = list(month_classes(year=year, month=month))
    centres = list(public_centres())
    by_centre = {centre.pk: [] for centre in centres}
    for smartphone_class in classes:
        by_centre[smartphone_class.centre_id].append(smartphone_class)
    return render(
        request,
        "classes/public/month.html",
        {
            "month": first,
            "previous": _add_months(first, -1),
            "next": _add_months(first, 1),
            "groups": [
                (centre, by_centre[centre.pk]) for centre in centres if by_centre[centre.pk]
            ],
            "count": len(classes),
            "centres": centres,
        },
    )


def centre(request, slug: str):
    centre = get_object_or_404(Centre, slug=slug)
    classes = list(upcoming_classes(centre=centre))
    feed_path = reverse("classes:centre_feed", kwargs={"slug": centre.slug})
    feed_url = settings.SITE_URL.rstrip("/") + feed_path
    return render(
        request,
        "classes/public/centre.html",
        {
            "centre": centre,
            "months": _by_month(classes),
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
            "page_url": settings.SITE_URL.rstrip("/") + centre.get_absolute_url(),
        },
    )


def centre_qr(request, slug: str):
    """A QR code (SVG) that opens the centre's page: for flyers and posters."""
    centre = get_object_or_404(Centre, slug=slug)
    url = settings.SITE_URL.rstrip("/") + centre.get_absolute_url()
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=4, title=centre.name)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


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
            "page_url": settings.SITE_URL.rstrip("/") + centre.get_absolute_url(),
        },
    )


def class_detail(request, pk: int):
    smartphone_class = public_class(pk=pk)
    return render(
        request,
        "classes/public/class.html",
        {
            "smartphone_class": smartphone_class,
            "seats_left": max(smartphone_class.capacity - smartphone_class.confirmed_count, 0),
            "open": _open_for_signup(smartphone_class),
        },
    )


def _open_for_signup(smartphone_class) -> bool:
    return signup_state(smartphone_class).takes_signups


@require_http_methods(["GET", "POST"])
def signup(request, pk: int):
    smartphone_class = public_class(pk=pk)
    if not _open_for_signup(smartphone_class):
        return render(
            request, "classes/public/signup_closed.html", {"smartphone_class": smartphone_class}
        )
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
                channel=Channel.ONLINE,
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
            "seats_left": max(smartphone_class.capacity - smartphone_class.confirmed_count, 0),
            "form": form,
            "error": error,
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
        raise Http404
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
