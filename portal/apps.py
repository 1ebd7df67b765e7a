from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Lab")

    def ready(self):
        from . import lookups  # noqa: F401 (registers the search's lookups)
        from .content import connect_signals

        connect_signals()
