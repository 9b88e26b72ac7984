"""No figure hidden by the small-cell rule can be worked out from what is published.

The oracle here does not reuse the rule: it knows only what a reader of the published
table knows — the total of each column, the published rows, that a hidden row describes
at least one household (groups of 0 are published) and that a part (covered, met …)
is between 0 and the row's size — and it lists what each hidden row could be.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learning.suppression import THRESHOLD, hidden_rows

PARTS = ("covered", "supported")


def possibilities(rows, hidden, part):
    """Every (size, part) a hidden row could have, given the published figures. The hidden
    rows are alike to the reader, so one set serves for each of them."""
    n = len(hidden)
    size_left = sum(rows[i]["needing"] for i in hidden)
    part_left = sum(rows[i][part] for i in hidden)
    found = set()
    for size in range(1, size_left + 1):
        for counted in range(0, size + 1):
            rest_size, rest_part = size_left - size, part_left - counted
            if n == 1:
                feasible = rest_size == 0 and rest_part == 0
            else:
                feasible = rest_size >= n - 1 and 0 <= rest_part <= rest_size
            if feasible:
                found.add((size, counted))
    return found


row = st.integers(0, 14).flatmap(
    lambda needing: st.fixed_dictionaries(
        {
            "needing": st.just(needing),
            "covered": st.integers(0, needing),
            "supported": st.integers(0, needing),
        }
    )
)


@settings(max_examples=400, deadline=None)
@given(st.lists(row, min_size=1, max_size=7))
def test_no_hidden_figure_is_determined_by_the_published_ones(rows):
    hidden = hidden_rows(rows, size="needing", parts=PARTS)
    small = {i for i, r in enumerate(rows) if 0 < r["needing"] < THRESHOLD}
    assert small <= hidden, "every small group is hidden"
    assert all(rows[i]["needing"] > 0 for i in hidden), "groups of 0 stay published"
    if not hidden:
        return
    if hidden == {i for i, r in enumerate(rows) if r["needing"]}:
        # Nothing left to hide: the total is the measure's result and stays published.
        return
    everyone = sum(r["needing"] for r in rows)
    for part in PARTS:
        options = possibilities(rows, hidden, part)
        assert len({size for size, _counted in options}) >= 2, "a hidden size is known"
        if sum(r[part] for r in rows) in (0, everyone):
            continue  # none or all of the table: the published total says it for every row
        assert len({counted for _size, counted in options}) >= 2, f"a hidden {part} is known"
        assert len({counted / size for size, counted in options}) >= 2, (
            f"a hidden {part} rate is known"
        )


def test_one_small_district_takes_the_next_smallest_with_it():
    """The README's example: 鹿島 12, 高松 3, 豊郷 7, 大野 30 households needing support.
    Hiding 高松 alone would leave it as the total (52) minus the others; the smallest
    other district, 豊郷, is hidden with it."""
    rows = [
        {"needing": 12, "covered": 9, "supported": 4},
        {"needing": 3, "covered": 1, "supported": 1},
        {"needing": 7, "covered": 5, "supported": 2},
        {"needing": 30, "covered": 20, "supported": 10},
    ]
    assert hidden_rows(rows, size="needing", parts=PARTS) == {1, 2}


def test_two_small_districts_are_not_enough_on_their_own():
    """1 + 1 = 2 would tell both: a larger district is hidden with them."""
    rows = [
        {"needing": 1, "covered": 0, "supported": 0},
        {"needing": 1, "covered": 1, "supported": 0},
        {"needing": 8, "covered": 4, "supported": 4},
        {"needing": 20, "covered": 10, "supported": 5},
    ]
    assert hidden_rows(rows, size="needing", parts=PARTS) == {0, 1, 2}


def test_hidden_rows_that_all_have_none_covered_take_one_that_has_some():
    """Hiding the 2-household district with the 6-household one would tell both are 0%
    covered: the smallest district that has some covered (9) is hidden instead."""
    rows = [
        {"needing": 2, "covered": 0, "supported": 0},
        {"needing": 6, "covered": 0, "supported": 0},
        {"needing": 9, "covered": 3, "supported": 1},
        {"needing": 40, "covered": 30, "supported": 9},
    ]
    assert hidden_rows(rows, size="needing", parts=PARTS) == {0, 2}


@pytest.mark.parametrize("sizes", [[5, 6, 7], [0, 0, 9], [12]])
def test_large_and_empty_groups_are_published(sizes):
    rows = [{"needing": n, "covered": n // 2, "supported": 0} for n in sizes]
    assert hidden_rows(rows, size="needing", parts=("covered",)) == frozenset()
