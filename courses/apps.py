from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.permissions import Permission
from learning.plugins import Contributions, HomeCard, NavItem


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Staff and ICT training")
    contributes = Contributions(
        report="courses.progress",
        demo="courses.demo",
        bench="courses.bench",
        loadtest="courses.loadtest",
        navigation=(
            NavItem("courses:catalogue", _("Training courses"), Permission.TRAIN),
            NavItem("courses:my_training", _("My training"), Permission.TRAIN, staff_only=True),
            NavItem("courses:organise", _("My sessions"), Permission.ORGANISE_SESSIONS),
            NavItem("courses:compliance", _("Training targets (HR)"), Permission.MANAGE_TRAINING),
            NavItem("courses:roster_import", _("Roster import"), Permission.MANAGE_TRAINING),
        ),
        home=(
            HomeCard(
                key="training",
                title=_("Your training"),
                text=_(
                    "Find courses, register for sessions and see your progress toward this "
                    "year's target."
                ),
                links=(
                    NavItem("courses:catalogue", _("Training courses")),
                    NavItem("courses:my_training", _("My training")),
                    NavItem("courses:external_new", _("Report an external training")),
                ),
                permission=Permission.TRAIN,
                staff_only=True,
                order=10,
            ),
            HomeCard(
                key="hr",
                title=_("HR"),
                text=_("Keep the roster, set yearly targets and see who meets them."),
                links=(
                    NavItem("courses:roster_import", _("Roster import")),
                    NavItem("courses:compliance", _("Training targets")),
                    NavItem("courses:targets", _("Yearly targets")),
                    NavItem("courses:external_review", _("External training to review")),
                ),
                permission=Permission.MANAGE_TRAINING,
                order=20,
            ),
            HomeCard(
                key="organiser",
                title=_("Course organiser"),
                text=_("Run your sessions: registrants, waiting lists and attendance."),
                links=(NavItem("courses:organise", _("My sessions")),),
                permission=Permission.ORGANISE_SESSIONS,
                order=30,
            ),
        ),
    )
