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


class AuthorshipForm(forms.ModelForm):
    """The position may be left blank: the formset numbers such authors after the others, in order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False


class AuthorshipFormSet(forms.BaseInlineFormSet):
    def clean(self):
        forms_kept = [
            form
            for form in self.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        taken = [form.cleaned_data["position"] for form in forms_kept if form.cleaned_data.get("position")]
        next_position = max(taken, default=0) + 1
        for form in forms_kept:
            if not form.cleaned_data.get("position"):
                form.cleaned_data["position"] = form.instance.position = next_position
                next_position += 1
        super().clean()
