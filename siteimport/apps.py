from django.apps import AppConfig


class SiteImportConfig(AppConfig):
    """Moving in: a lab's Hugo Blox, al-folio or academicpages site imported whole."""

    name = "siteimport"
    verbose_name = "Site import"
