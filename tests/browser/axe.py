"""axe-core for the browser tests: the script (from npm, pinned in package.json), the WCAG
2.1 A/AA rule set and the call that returns the violations of the page as it is."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
RUN_AXE = """async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({target: node.target, summary: node.failureSummary})),
  }));
}"""
# What the CSP would block: an inline style or script without the page's nonce.
COUNT_INLINE_CODE = (
    "document.querySelectorAll('[style], style:not([nonce]), script:not([src]):not([nonce])')"
    ".length"
)


def axe_version() -> str:
    package = AXE.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def load_axe() -> str:
    if not AXE.exists():
        message = f"axe-core is missing ({AXE}): run `npm ci` in the project root"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def violations_on(page, source: str) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on ``page`` (whose context bypasses the
    CSP, after checking the page holds no inline code the CSP would have blocked)."""
    assert page.evaluate(COUNT_INLINE_CODE) == 0, "inline code the CSP would block"
    page.add_script_tag(content=source)
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def describe(violations) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
