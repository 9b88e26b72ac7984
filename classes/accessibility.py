"""The public site's accessibility policy (ウェブアクセシビリティ方針, as 総務省's
「みんなの公共サイト運用ガイドライン」 asks: target, scope, and the date and result of the
last test) and the record of that test.

The target and the scope are the city's decision, stated in ``POLICY``. The date and the
result of the last test are data kept in the repository, ``accessibility_record.json``
next to this module: the browser tests write it when run with ``ACCESSIBILITY_RECORD=1``
(``make accessibility``, see docs/classes.md) and every check passed. The page shows what
the file says; it never puts today's date on a test.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

RECORD = Path(__file__).with_name("accessibility_record.json")


@dataclass(frozen=True)
class Policy:
    standard: str
    level: str
    scope: str  # the address the policy covers


POLICY = Policy(standard="JIS X 8341-3:2016", level="AA", scope="/classes/")


@dataclass(frozen=True)
class TestedPage:
    path: str  # e.g. /classes/class/<id>/signup/
    title: str  # the page's title as the browser showed it
    state: str  # what was on it: "", "errors", "waiting list", ...


@dataclass(frozen=True)
class TestRecord:
    tested_on: dt.date
    tool: str  # axe-core and its version
    browser: str
    screens: list[str]  # the screen sizes and zoom the pages were checked at
    pages: list[TestedPage]
    checks: int  # page × screen combinations checked
    violations: int  # WCAG 2.1 A/AA violations axe-core found, in all checks
    sideways_scrolling: int  # checks in which the page scrolled sideways

    @property
    def passed(self) -> bool:
        return self.violations == 0 and self.sideways_scrolling == 0


def last_test(path: Path = RECORD) -> TestRecord | None:
    """The record of the last test run, or None when there is none yet."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return TestRecord(
        tested_on=dt.date.fromisoformat(data["tested_on"]),
        tool=data["tool"],
        browser=data["browser"],
        screens=list(data["screens"]),
        pages=[TestedPage(**page) for page in data["pages"]],
        checks=data["checks"],
        violations=data["violations"],
        sideways_scrolling=data["sideways_scrolling"],
    )


def write_record(record: TestRecord, path: Path = RECORD) -> None:
    """Keep ``record`` as the last test (the procedure in docs/classes.md calls this)."""
    data = {
        "tested_on": record.tested_on.isoformat(),
        "tool": record.tool,
        "browser": record.browser,
        "screens": record.screens,
        "pages": [page.__dict__ for page in record.pages],
        "checks": record.checks,
        "violations": record.violations,
        "sideways_scrolling": record.sideways_scrolling,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
