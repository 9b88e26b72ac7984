from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.plugins import Contributions


class ClassesConfig(AppConfig):
    name = "classes"
    verbose_name = _("Smartphone classes")
    contributes = Contributions(
        report="classes.progress",
        demo="classes.demo",
        bench="classes.bench",
    )
