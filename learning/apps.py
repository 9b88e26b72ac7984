from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from learning.permissions import Permission
from learning.plugins import Contributions, HomeCard, NavItem


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Accounts and shared settings")
    # The core's own pages; the apps add theirs the same way (learning.plugins).
    contributes = Contributions(
        navigation=(
            NavItem("home", _("Home"), order=0),
            NavItem(
                "yearly_report", _("Yearly progress report"), Permission.READ_REPORTS, order=90
            ),
        ),
        home=(
            HomeCard(
                key="login",
                title=_("City staff"),
                text=_(
                    "Log in with your work e-mail address to register for training and to do "
                    "your duties."
                ),
                links=(NavItem("account_login", _("Log in")),),
                anonymous=True,
                order=10,
            ),
            HomeCard(
                key="reports",
                title=_("Reports"),
                text=_("Yearly figures against the plan's targets."),
                links=(
                    NavItem("yearly_report", _("Yearly progress report"), Permission.READ_REPORTS),
                ),
                order=60,
            ),
            HomeCard(
                key="admin",
                title=_("Administration"),
                links=(NavItem("admin:index", _("Administration site"), Permission.ADMINISTER),),
                permission=Permission.ADMINISTER,
                order=90,
            ),
        ),
    )

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from learning import checks  # noqa: F401  (registers the deploy checks)

        # The closed-year triggers come down before migrations (so no table rebuild trips
        # over them) and go back up afterwards, built from the models' declarations.
        pre_migrate.connect(_take_down_guards, sender=self, dispatch_uid="learning-guards-down")
        post_migrate.connect(_put_up_guards, sender=self, dispatch_uid="learning-guards-up")


def _take_down_guards(sender, using, **kwargs):
    from learning.closing import uninstall_guards

    uninstall_guards(using=using)


def _put_up_guards(sender, using, **kwargs):
    from learning.closing import install_guards

    install_guards(using=using)
