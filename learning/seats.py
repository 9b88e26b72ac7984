"""Seats and waiting lists: one rule for staff sessions and citizens' classes alike.

The caller locks the row that holds the seats (``select_for_update``, once, late, before
the check — pretix's rule), counts the rows under that lock, and asks these functions
who gets a seat. First come, first served, and nobody jumps the queue: while someone
waits, a newcomer waits too, and a party that needs more seats than are free holds up
those behind it (so a pair that waited longer is never passed by later single sign-ups).
"""

from collections.abc import Iterable, Sequence

from django.db.models import Q, QuerySet


def gets_a_seat(*, party: int, free: int, anyone_waiting: bool) -> bool:
    """Does a newcomer needing ``party`` seats get them now (else: the waiting list)?"""
    return not anyone_waiting and party <= free


def to_promote[T](queue: Iterable[tuple[T, int]], *, free: int) -> list[T]:
    """Who moves up from the waiting list, in order: each ``(item, party)`` while its party
    fits in the seats still free; the first that does not fit stops the line."""
    promoted: list[T] = []
    for item, party in queue:
        if party > free:
            break
        promoted.append(item)
        free -= party
    return promoted


def position(waiting: QuerySet, *, item, order: Sequence[str]) -> int:
    """1 for the first in ``waiting`` (the waiting rows of one session or class), ordered
    by ``order`` (e.g. ``("requested_at", "pk")``)."""
    first, second = order
    ahead = Q(**{f"{first}__lt": getattr(item, first)}) | Q(
        **{first: getattr(item, first), f"{second}__lt": getattr(item, second)}
    )
    return waiting.filter(ahead).count() + 1
