from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.permissions import Permission
from learning.plugins import Contributions, HomeCard, NavItem


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Household digital support")
    contributes = Contributions(
        report="support.progress",
        demo="support.demo",
        bench="support.bench",
        opendata="support.opendata",
        navigation=(
            NavItem("support:households", _("Household support"), Permission.SUPPORT_HOUSEHOLDS),
            NavItem("support:coverage", _("Coverage report"), Permission.READ_COVERAGE),
        ),
        home=(
            HomeCard(
                key="support",
                title=_("Household support"),
                text=_("Record households needing support and the help they received."),
                links=(
                    NavItem("support:households", _("Households")),
                    NavItem("support:overdue", _("Overdue device loans")),
                ),
                permission=Permission.SUPPORT_HOUSEHOLDS,
                order=50,
            ),
            HomeCard(
                key="reports",
                links=(
                    NavItem("support:coverage", _("Coverage report"), Permission.READ_COVERAGE),
                ),
            ),
        ),
    )
