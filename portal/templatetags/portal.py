"""Template helpers for bilingual content: say which language a text is in when it is not the page's."""

import json
import re

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from modeltranslation.utils import build_localized_fieldname

from portal import images
from portal.cache import FRAGMENT_SECONDS, content_version, local_chrome, local_fragments
from portal.visibility import audience as audience_of

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


# (English, Chinese): written Chinese uses full-width marks, and 、 between the items of a list
PUNCTUATION = {
    "colon": (": ", "："),
    "comma": (", ", "，"),
    "enum": (", ", "、"),
    "semicolon": ("; ", "；"),
    "open": (" (", "（"),  # a parenthesis, with the space English writes before it
    "close": (")", "）"),
}
HAN_END = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]\W*$")


def chinese_page() -> bool:
    return (get_language() or "").startswith("zh")


@register.simple_tag
def punct(kind):
    """`{% punct "colon" %}`: ": " on an English page, "：" on a Chinese one (also comma, enum, semicolon,
    and the parentheses "open" and "close": " (9)" or "（9）")."""
    return PUNCTUATION[kind][chinese_page()]


@register.simple_tag
def sep_after(text):
    """The comma after an item of a list printed as written (authors): "，" after a name in Han
    characters ("蒋力，宋卓然"), ", " after one in Latin letters, on pages of either language."""
    return "，" if HAN_END.search(str(text or "")) else ", "


@register.filter
def enum_join(items):
    """A list's items joined as the page's language writes a list: "a, b" or "a、b"."""
    return PUNCTUATION["enum"][chinese_page()].join(str(item) for item in items or [])


@register.simple_tag
def tr(obj, field, lang=True):
    """A short translated text (a name, a title); wrapped with its `lang` when it is not the page's
    (`lang=False`: never, where nothing reads it, as in a PDF's list of papers)."""
    value, code = localized(obj, field)
    if code == get_language() or not lang:
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


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, local=False):
        self.nodelist, self.name, self.vary_on, self.local = nodelist, name, vary_on, local

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        audience = audience_of(request.user)
        vary = "|".join(str(value.resolve(context)) for value in self.vary_on)
        version = content_version(request)
        key = f"fragment:{version}:{get_language()}:{audience}:{self.name}:{vary}"
        if self.local:
            html = local_chrome.get_html(key)
            if html is None:
                html = self.nodelist.render(context)
                local_chrome.keep(key, html)
            return mark_safe(html)
        # Shared: where the cache is shared (Redis), this process keeps its own copy of what it read
        # (a person's list is some 300 KB), under the address without the version, replaced when the
        # version moves on.
        shared = settings.CONTENT_VERSION_IN_CACHE
        place = key.replace(f"fragment:{version}:", "fragment:", 1)
        kept = local_fragments.get(place, version) if shared else None
        html = kept[1] if kept else cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, FRAGMENT_SECONDS)
        if shared and kept is None:
            local_fragments.put(place, (version, html), FRAGMENT_SECONDS)
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value … [local] %}…{% endfragment %}`: the enclosed HTML, rendered once per
    content version, language, audience (drafts shown or not) and the values given, then read from the
    cache; with `local`, from this process's memory (for small parts every page shows: no round trip).

    For what depends on content only, never on the request (no form, no CSRF token, no user's name):
    a person's papers, a roster. What the enclosed part reads should be lazy (a queryset, or
    `portal.cache.deferred`), so that the queries behind it run only when the fragment is rendered.
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% fragment %} takes a quoted name, then the values it varies on")
    local = bits[-1] == "local"
    if local:
        bits.pop()
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], local)
