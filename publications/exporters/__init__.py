"""Exporters: BibTeX, RIS and CSL-JSON for any selection of publications, one door for every caller."""

import json

from django.utils import translation

from .bibtex import publications_bibtex
from .csl import publications_csl
from .ris import publications_ris

EXPORT_FORMATS = {
    # format: (writer, content type, file suffix)
    "bibtex": (publications_bibtex, "application/x-bibtex", "bib"),
    "ris": (publications_ris, "application/x-research-info-systems", "ris"),
    "csljson": (
        lambda publications: json.dumps(publications_csl(publications), ensure_ascii=False, indent=2),
        "application/vnd.citationstyles.csl+json",
        "json",
    ),
}


def export_publications(publications, format: str) -> str:
    """`publications` loaded with_authors(); written in English, where a record has both languages."""
    writer = EXPORT_FORMATS[format][0]
    with translation.override("en"):
        return writer(publications)
