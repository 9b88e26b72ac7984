"""The core knows no app, and the apps know only the core (and, where they truly use it,
each other): classes/ and support/ import nothing from courses/."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("courses", "classes", "support")
# The project's wiring names the apps on purpose; the URL policy is the test oracle.
WIRING = {"learning/settings.py", "learning/urls.py", "learning/url_policy.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" not in relative:
            yield relative, path


@pytest.mark.parametrize(
    ("relative", "path"), list(sources("learning")), ids=lambda value: str(value)
)
def test_the_core_imports_no_app(relative, path):
    if relative in WIRING:
        return
    apps = {name.split(".")[0] for name in imported_modules(path)} & set(APPS)
    assert not apps, f"{relative} imports {sorted(apps)}: plug the app in through learning.plugins"


@pytest.mark.parametrize("package", ["classes", "support"])
def test_classes_and_support_do_not_depend_on_the_training_app(package):
    offenders = [
        relative
        for relative, path in sources(package)
        if any(name.split(".")[0] == "courses" for name in imported_modules(path))
    ]
    assert offenders == []
