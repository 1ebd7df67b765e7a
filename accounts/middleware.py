"""A session that did not give the second factor of an account that has one is ended."""

from django.contrib.auth import logout
from django_otp import user_has_device


class SecondFactorSessionMiddleware:
    """Turning two-factor sign-in on ends every other session of the account: a session that logged in
    before (with the password alone) is logged out at its next request, on the site, in the API and in
    the admin alike, rather than keep reading drafts and writing through the API. The session that
    turned it on was marked verified when the code was confirmed (accounts.views.two_factor). A
    changed password ends the other sessions by Django's own session hash."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # read once per request: the admin site asks the same (accounts.sites)
            request._portal_second_factor_ok = user.is_verified() or not user_has_device(user)
            if not request._portal_second_factor_ok:
                logout(request)
        return self.get_response(request)
