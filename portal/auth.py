"""Who may authenticate: one rule for every way in (password, session, API token, admin)."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


def may_authenticate(user) -> bool:
    """False for the demo accounts on a site that is not in demo mode.

    `load_demo` creates those accounts with a published password; should a production database ever
    hold it (a site that started from the demo), it stays locked out unless PORTAL_DEMO is set, whatever
    it presents: its password, a session made in demo mode or an API token.
    """
    return settings.DEMO_MODE or user.get_username() not in settings.DEMO_USERNAMES


class PortalBackend(ModelBackend):
    """Django's model backend under the portal's rule. Sessions are checked too: Django asks the
    backend for the session's user on every request (`get_user` → `user_can_authenticate`)."""

    def user_can_authenticate(self, user):
        return may_authenticate(user) and super().user_can_authenticate(user)


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication under the portal's rule (DRF checks only `is_active`)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not may_authenticate(user):
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, token
