"""The admin site: the portal's login (with a two-factor code for those who turned it on), the
two-factor page, and the count of changes waiting for review on every admin page of an editor."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from news.models import NewsItem
from publications.models import Publication

from . import roles
from .forms import LoginForm
from .models import PendingChange
from .notices import tell_at_next_visit
from .views import api_token, email_preferences, two_factor


def my_work(user) -> list[tuple[str, str, int | None]]:
    """A member's home: (label, address, count) of their profile, papers, news and changes waiting."""
    person = roles.own_person_id(user)
    work = []
    if person is not None:
        work.append((_("My profile"), reverse("admin:people_person_change", args=[person]), None))
    if roles.is_member(user):
        work += [
            (_("My papers"), reverse("admin:publications_publication_changelist"),
             roles.scope(Publication.objects.all(), user).count()),
            (_("My news"), reverse("admin:news_newsitem_changelist"),
             roles.scope(NewsItem.objects.all(), user).count()),
        ]  # fmt: skip
    waiting = PendingChange.objects.waiting().filter(author=user).count()
    work.append(
        (_("My changes waiting for review"),
         reverse("admin:accounts_pendingchange_changelist") + "?state__exact=pending", waiting)
    )  # fmt: skip
    return work


class PortalAdminSite(admin.AdminSite):
    login_form = LoginForm

    def has_permission(self, request):
        """Staff, and, for an account with two-factor sign-in on, a session that gave the code."""
        user = request.user
        if not super().has_permission(request):
            return False
        if not hasattr(request, "_portal_second_factor_ok"):  # asked more than once per page
            request._portal_second_factor_ok = user.is_verified() or not user_has_device(user)
        return request._portal_second_factor_ok

    def get_urls(self):

        return [
            path("two-factor/", self.admin_view(two_factor), name="two-factor"),
            path("api-token/", self.admin_view(api_token), name="api-token"),
            path("email/", self.admin_view(email_preferences), name="email-preferences"),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        tell_at_next_visit(request)  # decisions on the user's changes, once
        if not roles.is_editor(request.user):
            extra_context = {**(extra_context or {}), "my_work": my_work(request.user)}
        return super().index(request, extra_context)

    def each_context(self, request):
        context = super().each_context(request)
        if roles.is_editor(request.user):
            context["waiting_for_review"] = PendingChange.objects.waiting().count()
        context["may_use_two_factor"] = roles.is_editor(request.user)
        return context
