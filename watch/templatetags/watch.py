"""{% found_papers %}: on the admin's home, how many found papers wait for the user's decision."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from accounts import roles
from watch.models import Suggestion

register = template.Library()


@register.simple_tag(takes_context=True)
def found_papers(context) -> str:
    user = context["request"].user
    person = roles.own_person_id(user)
    if person is not None and roles.is_member(user):
        count = Suggestion.objects.waiting().naming(person).count()
        text = ngettext("%(count)d new paper found for you", "%(count)d new papers found for you", count)
    elif roles.is_editor(user):
        count = Suggestion.objects.waiting().count()
        text = ngettext(
            "%(count)d found paper waits for a decision", "%(count)d found papers wait for a decision", count
        )
    else:
        return ""
    if not count:
        return ""
    link = reverse("admin:watch_suggestion_changelist") + "?state__exact=waiting"
    return format_html('<p class="found-papers"><a href="{}">{}</a></p>', link, text % {"count": count})
