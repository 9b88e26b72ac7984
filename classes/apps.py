from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.permissions import Permission
from learning.plugins import Contributions, HomeCard, NavItem


class ClassesConfig(AppConfig):
    name = "classes"
    verbose_name = _("Smartphone classes")
    contributes = Contributions(
        report="classes.progress",
        demo="classes.demo",
        bench="classes.bench",
        opendata="classes.opendata",
        loadtest="classes.loadtest",
        navigation=(NavItem("classes:manage", _("Smartphone classes"), Permission.MANAGE_CLASSES),),
        home=(
            HomeCard(
                key="citizens",
                title=_("Citizens"),
                text=_("Smartphone classes at community centres are open to everyone."),
                links=(NavItem("classes:index", _("See smartphone classes")),),
                anonymous=True,
                order=20,
            ),
            HomeCard(
                key="centre",
                title=_("Community centre"),
                text=_("Publish smartphone classes, take sign-ups by phone and record attendance."),
                links=(
                    NavItem("classes:manage", _("Manage classes")),
                    NavItem("classes:calls", _("Today's call list")),
                    NavItem("classes:status", _("Classes held against the target")),
                    NavItem("classes:index", _("Public class calendar")),
                ),
                permission=Permission.MANAGE_CLASSES,
                order=40,
            ),
            HomeCard(
                key="reports",
                links=(
                    NavItem(
                        "classes:status",
                        _("Classes held against the target"),
                        Permission.READ_CLASS_STATUS,
                    ),
                ),
            ),
        ),
    )
