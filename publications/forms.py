import re

from django import forms
from django.utils.translation import gettext_lazy as _


def split_keywords(text: str) -> list[str]:
    """'PIM, KV cache，PIM' -> ['PIM', 'KV cache']: commas of either script, blanks and repeats dropped."""
    seen = []
    for keyword in re.split(r"[,，、;；]", text or ""):
        keyword = keyword.strip()
        if keyword and keyword not in seen:
            seen.append(keyword)
    return seen


class KeywordsField(forms.CharField):
    """Keywords stored as a JSON list, edited as comma-separated text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separated by commas."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return split_keywords(super().to_python(value))


class PublicationAdminForm(forms.ModelForm):
    keywords = KeywordsField(label=_("keywords"))
