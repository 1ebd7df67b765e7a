import re

import django_filters
from django import forms
from django.db.models import Q
from django_filters import CharFilter
from drf_spectacular.utils import extend_schema_field


class TextField(forms.CharField):
    """Query text with NUL characters dropped (PostgreSQL cannot compare them) rather than refused."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\x00", "")
        return super().to_python(value)


class TextFilter(CharFilter):
    field_class = TextField


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is an error, not "no filter"."""

    widget = forms.TextInput  # NullBooleanSelect would read any unknown text as "no value"

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise forms.ValidationError("Enter true or false.", code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2100})
class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """For API clients: a parameter given empty is an error unless it is free text (an empty choice,
    number or boolean is refused rather than read as "no filter")."""

    def get_form_class(self):
        base = super().get_form_class()
        text = {
            name
            for name, f in self.filters.items()
            if isinstance(f, (django_filters.ModelChoiceFilter, django_filters.OrderingFilter))
            or (isinstance(f, CharFilter) and not isinstance(f, django_filters.ChoiceFilter))
        }

        class StrictForm(base):
            def clean(form):
                cleaned = super().clean()
                for name in form.fields:
                    if name not in text and form.data.get(name) == "":
                        form.add_error(name, "Give a value or leave the parameter out.")
                return cleaned

        return StrictForm


def word_parts(text) -> list[list[str]]:
    """A query as its parts: already expanded by portal.search, or each word alone."""
    if isinstance(text, str):
        return [[word] for word in text.split()[:8]]
    return text


AREA_NAMES = ["researcharea__name_en", "researcharea__name_zh_hans"]  # a record's research areas, by name


def one_of(terms: list[str]) -> str:
    """A regular expression matching any of `terms` as written: only punctuation is escaped, which
    Python's `re` (SQLite's REGEXP) and PostgreSQL read alike, and which upper-casing leaves alone."""
    return "|".join(re.escape(term) for term in terms)


def part_matches(field: str, terms: list[str]) -> Q:
    """`field` holds one of `terms` (a part of a query with its synonyms), case folded.

    A field named `search_text` is kept upper-cased (portal.models.searched_text) and, on PostgreSQL,
    indexed by trigrams: all the terms in one condition the index answers (portal.lookups). Another
    field is matched once for all the terms, by one regular expression, rather than once per term with
    its case folded on every row."""
    if field.rsplit("__", 1)[-1] == "search_text":
        return Q(**{f"{field}__contains_any_upper": list(terms)})
    if len(terms) == 1:
        return Q(**{f"{field}__icontains": terms[0]})
    return Q(**{f"{field}__iregex": one_of(terms)})


def any_matches(fields: list[str], terms: list[str]) -> Q:
    """One of `fields` holds one of `terms`."""
    condition = Q()
    for field in fields:
        condition |= part_matches(field, terms)
    return condition


def every_word(queryset, text, fields: list[str], also=None):
    """The records in which each part of `text` (a string's first eight words, or the parts made by
    portal.search, each with its synonyms) is in one of `fields`; `also(terms)` adds a condition (a
    related record holding one of a part's terms: one subquery for them all).

    `search_text` names the record's searched fields kept upper-cased in one column
    (portal.models.searched_text): one condition per part and record (`part_matches`), where each field
    would take one per term with its case folded on every row (the site's search over 10,000 talks:
    33 ms → 4 ms, then 0.3 ms with a part's synonyms in one `LIKE ANY`)."""
    for alternatives in word_parts(text):
        condition = any_matches(fields, alternatives)
        if also is not None:
            condition |= also(alternatives)
        queryset = queryset.filter(condition)
    return queryset
