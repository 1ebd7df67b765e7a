from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class PortalBackend(ModelBackend):
    """Django's model backend, except that the demo account can only log in on a demo site.

    `load_demo` creates that account with a published password; should a production database ever
    receive it, it stays locked out unless PORTAL_DEMO is set.
    """

    def user_can_authenticate(self, user):
        if user.get_username() == settings.DEMO_USERNAME and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)
