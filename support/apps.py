from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.plugins import Contributions


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Household digital support")
    contributes = Contributions(
        report="support.progress",
        demo="support.demo",
        bench="support.bench",
    )
