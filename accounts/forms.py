from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user


def confirmed_device(user):
    return next(iter(devices_for_user(user, confirmed=True, for_verify=True)), None)


class LoginForm(AdminAuthenticationForm):
    """The admin's login, with the one-time code of an authenticator app for those who turned it on
    (optional: lab admins and editors may, on their "Two-factor sign-in" page)."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"), required=False, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if you turned on two-factor sign-in."),
    )  # fmt: skip

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        with transaction.atomic():  # the device is locked while its code is checked (no replay)
            device = confirmed_device(user)
            if device is None:
                return
            token = (self.cleaned_data.get("otp_token") or "").strip()
            allowed, _extra = device.verify_is_allowed()
            verified = bool(token) and allowed and device.verify_token(token)
        if not verified:
            raise forms.ValidationError(
                _("Enter the current code from your authenticator app."), code="invalid_token"
            )
        user.otp_device = device  # django-otp marks the session verified when the login completes


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=8)
