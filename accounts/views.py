"""One's own account in the admin: two-factor sign-in (TOTP) for lab admins and editors, the API token,
the e-mails about reviews."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from . import roles
from .forms import TokenForm
from .models import Preferences


def qr_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data: URI (an <img>, so the page stays within its CSP)."""
    buffer = BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def two_factor(request):
    user = request.user
    if not roles.is_editor(user):
        raise PermissionDenied
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if request.method == "POST" and "off" in request.POST and confirmed:
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("admin:two-factor")
    pending = None
    form = TokenForm(request.POST or None)
    if confirmed is None:
        pending = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator app", confirmed=False
        )
        if request.method == "POST" and form.is_valid():
            if pending.verify_token(form.cleaned_data["token"].strip()):
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                otp_login(request, pending)  # this session gave the code; every other one is ended
                messages.success(request, _("Two-factor sign-in is on: the next login asks for a code."))
                return redirect("admin:two-factor")
            form.add_error("token", _("That code is not the current one; try the next."))
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "confirmed": confirmed,
        "form": form,
        "qr": qr_data_uri(pending.config_url) if pending else "",
        "secret": base64.b32encode(pending.bin_key).decode() if pending else "",
    }
    return TemplateResponse(request, "admin/accounts/two_factor.html", context)


def api_token(request):
    """Every account's own API token (members and alumni too, who may not open the admin's list of
    tokens): shown, made, or replaced, the one before it then refused at once."""
    user = request.user
    if request.method == "POST":
        Token.objects.filter(user=user).delete()
        Token.objects.create(user=user)
        messages.success(request, _("A new token is made; the one before it no longer works."))
        return redirect("admin:api-token")
    context = {
        **admin.site.each_context(request),
        "title": _("Your API token"),
        "token": Token.objects.filter(user=user).first(),
    }
    return TemplateResponse(request, "admin/accounts/api_token.html", context)


def email_preferences(request):
    """Whether the account is e-mailed about reviews (its own changes decided; for editors, the
    morning digest), and to which address."""
    user = request.user
    preferences, _created = Preferences.objects.get_or_create(user=user)
    if request.method == "POST":
        preferences.review_emails = request.POST.get("review_emails") == "on"
        preferences.found_papers_emails = request.POST.get("found_papers_emails") == "on"
        preferences.save(update_fields=["review_emails", "found_papers_emails"])
        messages.success(request, _("Saved."))
        return redirect("admin:email-preferences")
    context = {
        **admin.site.each_context(request),
        "title": _("E-mails about reviews"),
        "preferences": preferences,
        "email": user.email,
        "is_editor": roles.is_editor(user),
    }
    return TemplateResponse(request, "admin/accounts/email_preferences.html", context)
