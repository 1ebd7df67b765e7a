"""Telling people where their changes stand: the author of a change hears of the editor's decision (an
e-mail, and a message at their next visit to the admin); editors get a morning digest of what waits.

E-mails go through Django's mail backend (printed to the console unless EMAIL_HOST is set), from
DEFAULT_FROM_EMAIL, in both of the site's languages; an account can turn them off (Preferences).
Links point at PORTAL_SITE_URL.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import roles
from .models import PendingChange, Preferences, ReviewState

DECIDED = (ReviewState.APPROVED, ReviewState.REJECTED)


def address(path: str) -> str:
    return settings.PORTAL_SITE_URL.rstrip("/") + path


def in_both_languages(write, between: str = "\n\n———\n\n") -> str:
    """`write()` in English, then in Chinese (the reader's language is not known)."""
    parts = []
    for language in ("en", "zh-hans"):
        with translation.override(language):
            parts.append(write())
    return between.join(parts)


def decision_text(change: PendingChange) -> str:
    values = {"record": change.object_repr, "who": change.decided_by or _("an editor")}
    if change.state == ReviewState.APPROVED:
        return _("Your change to “%(record)s” was approved by %(who)s: visitors see it now.") % values
    text = _("Your change to “%(record)s” was rejected by %(who)s: the published version stays.") % values
    if change.reason:
        text += " " + _("Their reason: %(reason)s") % {"reason": change.reason}
    return text


def mail_decision(change: PendingChange) -> bool:
    """E-mail the author the editor's decision; whether a message went."""
    if change.state not in DECIDED or not Preferences.wants_review_emails(change.author):
        return False
    link = address(reverse(f"admin:{change.content_type.app_label}_{change.content_type.model}_change",
                           args=[change.object_id]))  # fmt: skip
    body = in_both_languages(lambda: decision_text(change) + "\n\n" + link)
    subject = in_both_languages(
        lambda: _("Your change to “%(record)s”") % {"record": change.object_repr[:80]}, between=" / "
    )
    send_mail(subject, body, None, [change.author.email])
    return True


def tell_at_next_visit(request) -> int:
    """Show the user, once, the decisions on their changes they have not been shown; how many."""
    decided = list(
        PendingChange.objects.filter(author=request.user, state__in=DECIDED, author_told_at__isnull=True)
        .select_related("decided_by")
        .order_by("decided_at")[:20]
    )
    for change in decided:
        level = messages.SUCCESS if change.state == ReviewState.APPROVED else messages.WARNING
        messages.add_message(request, level, decision_text(change))
    if decided:
        PendingChange.objects.filter(pk__in=[change.pk for change in decided]).update(
            author_told_at=timezone.now()
        )
    return len(decided)


def review_digest() -> int:
    """E-mail each editor who wants it the list of changes waiting for review; how many were sent."""
    waiting = list(
        PendingChange.objects.waiting().select_related("author", "content_type").order_by("created_at")
    )
    if not waiting:
        return 0
    link = address(reverse("admin:accounts_pendingchange_changelist") + "?state__exact=pending")
    # editors and lab admins (roles.is_editor) with an address, who did not turn these e-mails off
    editors = (
        User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=[roles.EDITOR, roles.LAB_ADMIN]))
        .filter(is_active=True)
        .exclude(email="")
        .exclude(portal_preferences__review_emails=False)
        .distinct()
    )

    def write() -> str:
        lines = [
            _("Changes waiting for review: %(count)d") % {"count": len(waiting)},
            *(
                f"- {change.object_repr} ({change.author}, {change.created_at:%Y-%m-%d})"
                for change in waiting
            ),
            link,
        ]
        return "\n".join(lines)

    subject = in_both_languages(
        lambda: _("Changes waiting for review: %(count)d") % {"count": len(waiting)}, between=" / "
    )
    body = in_both_languages(write)
    addresses = list(editors.values_list("email", flat=True))
    for email in addresses:
        send_mail(subject, body, None, [email])
    return len(addresses)
