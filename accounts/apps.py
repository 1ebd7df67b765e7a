from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and review")

    def ready(self):
        from django.apps import apps

        from .roles import register_rules, sync_roles
        from .snapshots import register_history

        register_rules(apps.get_models())
        register_history()
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="accounts-sync-roles")
