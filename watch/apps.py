from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchConfig(AppConfig):
    """The site keeping itself current: the members' works found at ORCID, DBLP, OpenAlex and arXiv,
    proposed as suggestions for the lab to accept; and the health of the papers' links."""

    name = "watch"
    verbose_name = _("Found papers and links")
