"""The publication filters visitors use on the site (and API clients through the same FilterSet)."""

import django_filters
from django.core.cache import cache
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from people.models import Person, ResearchArea
from portal.cache import content_version
from portal.filters import (
    AREA_NAMES,
    TextFilter,
    YearFilter,
    any_matches,
    every_word,
    part_matches,
)
from portal.search import search_parts
from portal.visibility import sees_drafts

from .models import Authorship, Award, AwardKind, CcfRank, Publication, PublicationKind, Venue

ANY_AWARD = "any"
NO_RANK = "none"


def text_search(queryset, words):
    """Every word (or part, with its synonyms: portal.search) must appear in the title or abstract
    (either language), an author's name, the venue, a research area's name (either language) or the DOI.

    On PostgreSQL one column holds all of these (publications.search), searched through its trigram
    index; elsewhere each field is searched."""
    if connections[queryset.db].vendor == "postgresql":
        return every_word(queryset, words, ["search_text"])

    def elsewhere(terms):
        named = part_matches("name", terms)
        area = any_matches(AREA_NAMES, terms)
        exact = Q()
        for term in terms:
            exact |= Q(venue__acronym__iexact=term) | Q(doi__iexact=term)
        authors = Authorship.objects.filter(named, publication=OuterRef("pk"))
        areas = Publication.research_areas.through.objects.filter(area, publication=OuterRef("pk"))
        return exact | Exists(authors) | Exists(areas)

    fields = ["title_en", "title_zh_hans", "abstract_en", "abstract_zh_hans", "venue__name", "venue_text"]
    return every_word(queryset, words, fields, also=elsewhere)


class PublicationFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Search"), method="search", max_length=200)
    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PublicationKind.choices)
    venue = django_filters.ModelChoiceFilter(label=_("Venue"), queryset=Venue.objects.none())
    ccf_rank = django_filters.ChoiceFilter(
        label=_("CCF rank"), choices=[*CcfRank.choices, (NO_RANK, _("Not ranked"))], method="rank"
    )
    author = django_filters.ModelChoiceFilter(
        label=_("Author"), queryset=Person.objects.none(), to_field_name="slug", method="by_author"
    )
    award = django_filters.ChoiceFilter(
        label=_("Award"), choices=[(ANY_AWARD, _("Any award")), *AwardKind.choices], method="by_award"
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Research area"), queryset=ResearchArea.objects.all(), to_field_name="slug", method="by_area"
    )

    class Meta:
        model = Publication
        fields = ["q", "year", "kind", "venue", "ccf_rank", "author", "award", "area"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # Choices offered are those the list can match: venues and authors of its own papers.
        base = self.queryset
        self.filters["venue"].queryset = Venue.objects.filter(
            Exists(base.filter(venue=OuterRef("pk")).order_by())
        ).order_by("acronym", "name")
        self.filters["author"].queryset = Person.objects.public().filter(
            Exists(
                Authorship.objects.filter(person=OuterRef("pk"), publication__in=base.order_by().values("pk"))
            )
        )

    def search(self, queryset, name, value):
        if self.request is None:
            return text_search(queryset, value)

        return text_search(queryset, search_parts(value, content_version(self.request)))

    def rank(self, queryset, name, value):
        if value == NO_RANK:
            return queryset.filter(ccf_rank_printed="").filter(Q(venue__isnull=True) | Q(venue__ccf_rank=""))
        return queryset.filter(Q(ccf_rank_printed=value) | Q(ccf_rank_printed="", venue__ccf_rank=value))

    def by_author(self, queryset, name, person):
        return queryset.filter(Exists(Authorship.objects.filter(publication=OuterRef("pk"), person=person)))

    def by_award(self, queryset, name, value):
        awards = Award.objects.filter(publication=OuterRef("pk"))
        if value != ANY_AWARD:
            awards = awards.filter(kind=value)
        return queryset.filter(Exists(awards))

    def by_area(self, queryset, name, area):
        return queryset.filter(research_areas=area)


def localized_name(row_en: str, row_zh: str) -> str:
    return (row_zh or row_en) if get_language() == "zh-hans" else (row_en or row_zh)


def option_lists(filterset) -> dict[str, str]:
    """<option>s of the select filters (none selected), from narrow queries."""
    choices = {
        "venue": [
            (str(pk), f"{acronym} — {name}" if acronym else name)
            for pk, acronym, name in filterset.filters["venue"].queryset.values_list("pk", "acronym", "name")
        ],
        "author": [
            (slug, localized_name(en, zh))
            for slug, en, zh in filterset.filters["author"]
            .queryset.order_by("display_order", "slug")
            .values_list("slug", "name_en", "name_zh_hans")
        ],
        "area": [
            (slug, localized_name(en, zh))
            for slug, en, zh in ResearchArea.objects.values_list("slug", "name_en", "name_zh_hans")
        ],
    }
    for name, field in filterset.form.fields.items():
        if name not in choices and hasattr(field, "choices"):
            choices[name] = [(str(key), label) for key, label in field.choices if key != ""]
    return {
        name: format_html('<option value="">{}</option>', _("Any"))
        + format_html_join("", '<option value="{}">{}</option>', options)
        for name, options in choices.items()
    }


def filter_controls(filterset, version: str) -> list[dict]:
    """The filter form as label/HTML pairs.

    Rendered here rather than by Django's widget templates, which render each of several hundred
    <option>s through a template and cost more than the rest of the page. The option lists are
    cached per content version, language and audience (staff lists include drafts' venues).
    """
    audience = "staff" if filterset.request and sees_drafts(filterset.request.user) else "public"
    key = f"filter-options:{version}:{get_language()}:{audience}"
    options = cache.get(key)
    if options is None:
        options = option_lists(filterset)
        cache.set(key, options, 24 * 3600)
    form = filterset.form
    controls = []
    for name, field in form.fields.items():
        bound = form[name]
        value = "" if bound.value() is None else str(bound.value())
        if name in options:
            chosen = format_html('<option value="{}">', value)
            html = format_html(
                '<select name="{}" id="{}">{}</select>',
                name,
                bound.id_for_label,
                mark_safe(
                    options[name].replace(chosen, chosen[:-1] + " selected>", 1) if value else options[name]
                ),
            )
        else:
            kind = "search" if name == "q" else "number"
            html = format_html(
                '<input type="{}" name="{}" id="{}" value="{}"{}>',
                kind,
                name,
                bound.id_for_label,
                value,
                mark_safe(' min="1900" max="2100"') if kind == "number" else mark_safe(' maxlength="200"'),
            )
        controls.append({"name": name, "label": field.label, "id": bound.id_for_label, "html": html})
    return controls
