from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.plugins import Contributions


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Staff and ICT training")
    contributes = Contributions(
        report="courses.progress",
        demo="courses.demo",
        bench="courses.bench",
    )
