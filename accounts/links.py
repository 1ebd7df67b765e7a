"""Accounts for people without an e-mail server: a lab admin creates them and hands over a link."""

from django.contrib import admin, messages
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.models import Person

from . import roles


def password_link(request, user) -> str:
    """A one-time "set your password" link for this account: valid PASSWORD_RESET_TIMEOUT (72 hours),
    and spent once the password is set (the token is made from the password hash and last login)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return request.build_absolute_uri(reverse("password_reset_confirm", args=[uid, token]))


def show_link(modeladmin, request, user) -> None:
    modeladmin.message_user(
        request,
        _("Hand this link to %(user)s to set their password (valid for 72 hours, once): %(link)s")
        % {"user": user.get_username(), "link": password_link(request, user)},
        messages.SUCCESS,
    )


@admin.action(
    description=gettext_lazy("Create accounts (members) and make their password links"),
    permissions=["accounts"],
)
def create_accounts(modeladmin, request, queryset):
    if not roles.is_lab_admin(request.user):
        raise PermissionDenied
    member = Group.objects.get(name=roles.MEMBER)
    alumnus = Group.objects.get(name=roles.ALUMNUS)

    for person in queryset.filter(user__isnull=True):
        username = slugify(person.slug)[:150]
        if User.objects.filter(username=username).exists():
            modeladmin.message_user(
                request, _("%(name)s: the username %(username)s is taken; link an account by hand.")
                % {"name": person, "username": username}, messages.WARNING,
            )  # fmt: skip
            continue
        with transaction.atomic():
            user = User.objects.create_user(username, email=person.email, is_staff=True)
            user.set_unusable_password()
            user.save()
            user.groups.add(alumnus if person.left_on else member)
            Person.objects.filter(pk=person.pk).update(user=user)
        show_link(modeladmin, request, user)
