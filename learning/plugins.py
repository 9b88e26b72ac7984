"""How the apps plug into the core: one mechanism, read from each app's ``AppConfig``.

An app takes part by setting ``contributes`` on its AppConfig::

    class CoursesConfig(AppConfig):
        name = "courses"
        contributes = Contributions(
            report="courses.progress",  # lines(fy), tables(fy); optional forecast(fy), DEFINITION
            demo="courses.demo",  # seed(*, accounts, stdout)
            bench="courses.bench",  # run(bench)
            loadtest="courses.loadtest",  # build() -> scenario (learning.loadtest)
            navigation=(NavItem("courses:catalogue", _("Training courses")),),
            home=(HomeCard(...),),
        )

The core walks the installed apps in ``INSTALLED_APPS`` order and never names one. Dated
models declare themselves to the year closing (``learning.closing.FiscallyDated``), so
closing needs no entry here.
"""

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from types import ModuleType

from django.apps import AppConfig, apps


@dataclass(frozen=True)
class NavItem:
    """A link in the main menu or on a home card. ``permission`` (a ``learning.policy``
    permission) hides it from users without it; ``staff_only`` from accounts without a
    staff record."""

    url_name: str
    label: str
    permission: str = ""
    staff_only: bool = False
    order: int = 50


@dataclass(frozen=True)
class HomeCard:
    """A box on the home page, shown when its permission is granted (``anonymous``: shown
    to visitors who are not logged in instead). Cards with the same ``key`` are merged,
    so an app can add its links to a card another part of the system defines (e.g. its
    report to the core's "reports" card: give the key and the links only)."""

    key: str
    links: tuple[NavItem, ...]
    title: str = ""
    text: str = ""
    permission: str = ""
    staff_only: bool = False
    anonymous: bool = False
    order: int = 50


@dataclass(frozen=True)
class Contributions:
    report: str = ""
    demo: str = ""
    bench: str = ""
    loadtest: str = ""  # build() -> a scenario with describe(), jobs(bases, browser), check()
    opendata: str = ""  # events(), facilities(), datasets() (learning.opendata)
    navigation: tuple[NavItem, ...] = ()
    home: tuple[HomeCard, ...] = field(default_factory=tuple)


def contributing_apps() -> list[AppConfig]:
    """The apps that plug into the core, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if hasattr(config, "contributes")]


def local_app_labels() -> tuple[str, ...]:
    """The apps built on the core (the core itself left out)."""
    return tuple(config.label for config in contributing_apps() if config.label != "learning")


def modules(kind: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Each contributing app's module for ``kind`` ("report", "demo", "bench")."""
    for config in contributing_apps():
        name = getattr(config.contributes, kind)
        if name:
            yield config, importlib.import_module(name)


def navigation() -> list[NavItem]:
    items = [item for config in contributing_apps() for item in config.contributes.navigation]
    return sorted(items, key=lambda item: item.order)


def home_cards() -> list[HomeCard]:
    """Every card, merged by key, in ``order``."""
    merged: dict[str, HomeCard] = {}
    for config in contributing_apps():
        for card in config.contributes.home:
            known = merged.get(card.key)
            if known is None:
                merged[card.key] = card
                continue
            merged[card.key] = replace(
                known if known.title else card,
                links=known.links + card.links if known.title else card.links + known.links,
            )
    return sorted(merged.values(), key=lambda card: card.order)
