from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Accounts and shared settings")

    def ready(self):
        from learning import checks  # noqa: F401  (registers the deploy checks)
        from learning.closing import connect_guards

        connect_guards()
