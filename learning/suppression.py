"""Small-cell suppression (秘匿) for every aggregated table a non-support role can read:
the coverage page, its CSV and charts for report readers, the yearly report's tables,
CSVs and PDF, and the open data.

One rule, for households per district and staff per department alike:

1. **Primary**: a group of 1 to ``THRESHOLD - 1`` (people or households) is hidden, with
   every figure of its row (a part such as "covered" would tell about the few in it).
2. **Secondary**: more rows are hidden, the smallest first, until no hidden figure can be
   worked out from what is published (the total and the other rows):
   - never exactly one hidden row (it would be the total minus the others);
   - never only small rows (two hidden rows of one household each add up to 2, which
     tells both);
   - for each part (covered, met …), the hidden rows must neither all have none of it nor
     all have all of it, or "0%" / "100%" would be known for each of them (unless the
     table's own total already says so: nobody, or everybody, in the whole table).

When no row is left to hide, what remains is published: the city's own total is the
measure's result and is never hidden. Groups of 0 are published (they describe nobody).
``tests/learning/test_suppression.py`` checks with random tables that no hidden figure
is determined by the published ones.
"""

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
MARKER = "X"
MARKER_MEANING = _(
    "X: not shown (秘匿). A group of fewer than 5 is not shown, and neither is any other "
    "group whose figures could be worked out from the totals."
)


def hidden_rows(
    rows: Sequence[Mapping[str, int]],
    *,
    size: str,
    parts: Sequence[str] = (),
    threshold: int = THRESHOLD,
) -> frozenset[int]:
    """The indexes of the rows to hide. ``size`` names the group's size (households, staff);
    ``parts`` the figures that count some of them (covered, met …)."""
    sizes = [row[size] for row in rows]
    hidden = {index for index, value in enumerate(sizes) if 0 < value < threshold}
    # A part that is none or all of the whole table is known for every row from the total
    # itself: hiding more rows could not keep it secret, so it sets no condition.
    everyone = sum(sizes)
    parts = [p for p in parts if 0 < sum(row[p] for row in rows) < everyone]

    def problem() -> bool:
        if not hidden:
            return False
        if len(hidden) == 1 or all(sizes[index] < threshold for index in hidden):
            return True
        total = sum(sizes[index] for index in hidden)
        for part in parts:
            counted = sum(rows[index][part] for index in hidden)
            if counted == 0 or counted == total:
                return True
        return False

    while problem():
        candidates = [
            index for index, value in enumerate(sizes) if value > 0 and index not in hidden
        ]
        if not candidates:
            break
        # The smallest next row that solves the problem, else simply the smallest next.
        candidates.sort(key=lambda index: (sizes[index], index))
        helpful = [index for index in candidates if _fixes(rows, hidden | {index}, size, parts)]
        hidden.add((helpful or candidates)[0])
    return frozenset(hidden)


def _fixes(rows, hidden: set[int], size: str, parts: Sequence[str]) -> bool:
    total = sum(rows[index][size] for index in hidden)
    return all(0 < sum(rows[index][part] for index in hidden) < total for part in parts)
