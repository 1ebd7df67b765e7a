from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("replaced by a later change")
    CANCELLED = "cancelled", _("withdrawn by its author")


class PendingChangeQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=ReviewState.PENDING)


class PendingChange(models.Model):
    """A member's change to a published record, kept aside until an editor approves or rejects it.

    `proposed` is the whole record as the member saved it (its fields and its rows: authors, awards),
    in the form accounts.snapshots makes; visitors keep seeing the record as it is until approval.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    object_repr = models.CharField(_("record"), max_length=300)
    proposed = models.JSONField(_("proposed version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected, for its author."))
    author_told_at = models.DateTimeField(_("author told at"), null=True, blank=True, editable=False)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        indexes = [models.Index(fields=["state", "content_type", "object_id"], name="pending_change_lookup")]
        permissions = [("review_pendingchange", _("Can approve or reject changes"))]

    def __str__(self):
        return f"{self.object_repr} ({self.get_state_display()})"

    @property
    def model(self):
        return self.content_type.model_class()

    def target(self):
        return self.model._default_manager.filter(pk=self.object_id).first()


class Preferences(models.Model):
    """What an account wants to be told by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_preferences",
        verbose_name=_("account"),
    )  # fmt: skip
    review_emails = models.BooleanField(
        _("e-mail me about reviews"), default=True,
        help_text=_("Members: when an editor approves or rejects your change. Editors: each morning, the "
                    "changes waiting for review."),
    )  # fmt: skip
    found_papers_emails = models.BooleanField(
        _("e-mail me the papers found for me"), default=True,
        help_text=_("Each week, the papers of yours that the nightly watch found and the lab does not hold."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("e-mail preferences")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return str(self.user)

    @classmethod
    def wants_review_emails(cls, user) -> bool:
        return bool(user.email) and not cls.objects.filter(user=user, review_emails=False).exists()

    @classmethod
    def wants_found_papers(cls, user) -> bool:
        return bool(user.email) and not cls.objects.filter(user=user, found_papers_emails=False).exists()
