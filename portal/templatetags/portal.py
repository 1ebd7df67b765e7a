"""Template helpers for bilingual content: say which language a text is in when it is not the page's."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from modeltranslation.utils import build_localized_fieldname

from portal import images

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def localized(obj, field: str) -> tuple[str, str]:
    """(text, language it is in): the page's language first, then the others."""
    language = get_language()
    order = [language] + [code for code, _name in settings.LANGUAGES if code != language]
    for code in order:
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if value:
            return value, code
    return "", language


@register.simple_tag
def tr(obj, field):
    """A short translated text (a name, a title); wrapped with its `lang` when it is not the page's."""
    value, code = localized(obj, field)
    if code == get_language():
        return value
    return format_html('<span lang="{}">{}</span>', code, value)


@register.simple_tag
def tr_html(obj, field, note=True):
    """Stored, sanitised HTML of a Markdown field; when it falls back to the other language, a
    visible note says so and the block carries that language's `lang`."""
    value, code = localized(obj, field)
    if not value:
        return ""
    if code == get_language():
        return mark_safe(value)  # rendered by portal.markdown and sanitised with nh3 on save
    message = (
        gettext("Not yet translated: shown in English.")
        if code == "en"
        else gettext("Not yet translated: shown in Chinese.")
    )
    if not note:
        return format_html('<div lang="{}">{}</div>', code, mark_safe(value))
    return format_html(
        '<p class="fallback-note">{}</p><div lang="{}">{}</div>', message, code, mark_safe(value)
    )


@register.simple_tag
def is_fallback(obj, field):
    return localized(obj, field)[1] != get_language()


@register.filter
def ld_json(data):
    """A dict as JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(text)


@register.simple_tag
def image(instance, variant, alt="", css_class="", lazy=True):
    """An `<img>` of one of a record's image variants (portal.images), with the size it is shown at
    so the page does not move while it loads; lazily loaded unless it is at the top of the page.
    Nothing when the record has no image."""
    shown_image = images.shown(instance, variant)
    if shown_image is None:
        return ""
    size = (
        format_html(' width="{}" height="{}"', shown_image.width, shown_image.height)
        if shown_image.width and shown_image.height
        else ""
    )
    return format_html(
        '<img src="{}" alt="{}"{}{}{} decoding="async">',
        shown_image.url,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        size,
        mark_safe(' loading="lazy"') if lazy else "",
    )
