"""Markdown written by lab members, rendered once to sanitised HTML.

The allowlist keeps what a write-up needs (headings, emphasis, lists, links, tables, code, images,
sub/superscript) and nothing that runs: no script, style or event attributes, and only http(s) and
mailto links. Raw HTML in the source is sanitised like the rest, never trusted.
"""

import threading

import markdown as md
import nh3

RENDERER_VERSION = 1

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "code": {"class"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


_renderers = threading.local()


def renderer() -> md.Markdown:
    """This thread's Markdown converter, made once: making one loads its extensions, which took longer
    than converting an abstract (an import renders thousands). reset() clears what a conversion keeps
    (footnotes, abbreviations) before the next."""
    converter = getattr(_renderers, "converter", None)
    if converter is None:
        converter = _renderers.converter = md.Markdown(
            extensions=["extra", "sane_lists"], output_format="html"
        )
    return converter


def render_markdown(text: str) -> str:
    """Render Markdown source to HTML that is safe to insert into a page as it is."""
    if not text:
        return ""
    converter = renderer()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()
    return sanitise_html(html)
