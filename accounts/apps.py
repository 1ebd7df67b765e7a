from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Strings of Django's own admin templates that its Chinese catalogue lacks: ours translates them, and
# naming them here keeps `makemessages` from dropping them as unused.
DJANGO_STRINGS = [gettext_noop("Forgotten your login credentials?")]


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and review")

    def ready(self):
        from django.apps import apps

        from portal.visibility import decide_drafts_by

        from .roles import register_rules, sees_drafts, sync_roles
        from .snapshots import register_history

        decide_drafts_by(sees_drafts)
        register_rules(apps.get_models())
        register_history()
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="accounts-sync-roles")
