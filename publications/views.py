import functools
import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from achievements.models import Achievement
from portal.cache import (
    FRAGMENT_SECONDS,
    asked_page,
    cache_public_page,
    content_version,
    deferred,
    lab_profile,
    page_of,
)
from portal.visibility import audience as audience_of

from .citation import json_ld, open_graph, plain_citation, scholar_meta
from .exporters import EXPORT_FORMATS, export_publications
from .exporters.bibtex import publications_bibtex
from .figures import lab_figures
from .filters import PublicationFilter, filter_controls
from .models import Collection, CollectionEntry, Publication
from .services import group_by_year, list_codes, list_entries
from .styles import STYLES, reference, reference_list, reference_list_html

PAGE_SIZE = 50


class CountCachingPaginator(Paginator):
    """Counts a filtered list once per content version: COUNT(*) over a lab's whole list is the
    costliest query of the publications page."""

    def __init__(self, object_list, per_page, count_key):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self):
        count = cache.get(self.count_key)
        if count is None:
            count = super().count
            cache.set(self.count_key, count, 24 * 3600)
        return count


def lab_list(request):
    """The lab's list as this user may see it, filtered by the query string."""
    publications = Publication.objects.visible_to(request.user).lab_works()
    return PublicationFilter(request.GET or None, publications, request=request)


def filtered(filterset):
    """The filtered list; none at all when a filter's value is invalid. django-filter leaves an invalid
    filter out, which would answer `?year=abc` with every year: a broader list than was asked for."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def active_filters(filterset, query: QueryDict) -> list[dict]:
    """The filters in use, each as a chip: its label, its value as the form shows it, and the address
    of the same list without it."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    chips = []
    for name in query:
        field, value = filterset.form.fields[name], filterset.form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, str) and hasattr(field, "choices"):
            value = dict(field.choices).get(value, value)
        rest = query.copy()
        rest.pop(name)
        chips.append(
            {"label": field.label, "value": value, "without": f"?{rest.urlencode()}" if rest else "?"}
        )
    return chips


def filter_errors(filterset) -> str:
    fields = filterset.form.fields
    return "\n".join(f"{fields[name].label}: {' '.join(errors)}" for name, errors in filterset.errors.items())


@cache_public_page(params=[*PublicationFilter.Meta.fields, "page"])
def publication_list(request):
    filterset = deferred(lambda: lab_list(request))
    version = content_version(request)
    # Only the filters the list reads, without empty ones: made-up parameters neither make new count
    # entries in the cache nor follow the visitor through the pages.
    query = QueryDict(mutable=True)
    for name in PublicationFilter.Meta.fields:
        if values := [value for value in request.GET.getlist(name) if value]:
            query.setlist(name, values)
    audience = audience_of(request.user)
    selection = hashlib.blake2b(query.urlencode().encode(), digest_size=16).hexdigest()
    count_key = f"count:{version}:{audience}:{selection}"

    number = asked_page(request)

    @functools.cache
    def page():
        rows = filtered(filterset()).values_list("pk", "year")
        paginator = CountCachingPaginator(rows, PAGE_SIZE, count_key)
        # an invalid filter lists nothing and says why (400), whichever page was asked
        return paginator.page(1) if filterset().errors else page_of(paginator, number)

    def years():
        codes = list_codes(Publication.objects.public().lab_works(), "lab", version)
        return group_by_year(list_entries(page().object_list, codes, version))

    # The lab's whole list (not filtered) is one fragment per page (publications/publication_list.html):
    # what it reads is loaded only when it is rendered.
    context = {
        "filter": filterset,
        "controls": deferred(lambda: filter_controls(filterset(), version)),
        "page": deferred(page),
        "years": deferred(years),
        "querystring": query.urlencode(),
        "filtered": bool(query),
        "page_number": number,
        "chips": deferred(lambda: active_filters(filterset(), query)),
        "reference_styles": [(key, label) for key, (label, _file, _numbered) in STYLES.items()],
    }
    # An invalid filter is the visitor's error: said on the page (and never kept in the page cache).
    status = 400 if query and filterset().errors else 200
    return render(request, "publications/publication_list.html", context, status=status)


def publication_list_export(request, format="bibtex"):
    """The whole filtered selection (every page of it) as one BibTeX, RIS or CSL-JSON file."""
    filterset = lab_list(request)
    if filterset.errors:
        return HttpResponseBadRequest(
            f"nothing was exported: a filter is invalid.\n{filter_errors(filterset)}\n",
            content_type="text/plain; charset=utf-8",
        )
    _writer, content_type, suffix = EXPORT_FORMATS[format]
    text = export_publications(filterset.qs.with_authors(), format)
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="publications.{suffix}"'
    return response


def publication_list_references(request, output="text"):
    """The filtered selection as a formatted reference list (`?style=ieee|acm|apa|gb7714`), as plain
    text or a small HTML document: for a report, a CV or a grant form."""

    key = request.GET.get("style", "ieee")
    if key not in STYLES:
        return HttpResponseBadRequest(
            f"unknown style {key!r}: choose one of {', '.join(STYLES)}.\n",
            content_type="text/plain; charset=utf-8",
        )
    query = request.GET.copy()
    query.pop("style", None)
    filterset = PublicationFilter(query or None, Publication.objects.visible_to(request.user).lab_works(),
                                  request=request)  # fmt: skip
    if filterset.errors:
        return HttpResponseBadRequest(
            f"nothing was exported: a filter is invalid.\n{filter_errors(filterset)}\n",
            content_type="text/plain; charset=utf-8",
        )
    publications = filterset.qs.with_authors()
    if output == "html":
        title = f"{_('Publications')} ({STYLES[key][0]})"
        text = reference_list_html(publications, key, title, get_language())
        response = HttpResponse(text, content_type="text/html; charset=utf-8")
    else:
        text = "\n".join(reference_list(publications, key)) + "\n"
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="publications-{key}.{"html" if output == "html" else "txt"}"'
    )
    return response


def citation_styles(publication, version: str) -> list[dict]:
    """The paper in each citation style, formatted once per content version (citeproc takes some
    25 ms for the four): the HTML is citeproc's, over text escaped before formatting."""
    key = f"references:{version}:{publication.pk}"
    formatted = cache.get(key)
    if formatted is None:
        formatted = {style: reference(publication, style, html_output=True) for style in STYLES}
        cache.set(key, formatted, FRAGMENT_SECONDS)
    return [
        {"key": style, "label": label, "html": mark_safe(formatted[style])}  # escaped in publications.styles
        for style, (label, _file, _numbered) in STYLES.items()
    ]


HEADLINE = ["pk", "slug", "is_published", "title_en", "title_zh_hans"]


@cache_public_page
def publication_detail(request, slug):
    publications = Publication.objects.visible_to(request.user)
    # What the page shows around its head and body (its title); the whole record is loaded when they are
    # rendered.
    publication = publications.filter(slug=slug).only(*HEADLINE).order_by().first()
    if publication is None and slug.isdigit():
        # /publications/<id>/ is a permanent alias of the slugged address.
        publication = get_object_or_404(publications, pk=int(slug))
        return redirect(publication, permanent=True)
    if publication is None:
        return get_object_or_404(publications, slug=slug)
    version = content_version(request)

    # The paper's head (its citation, meta tags, JSON-LD) and body, rendered together once per content
    # version, language, audience and address (the meta tags hold absolute links): one cache read.
    audience = audience_of(request.user)
    where = f"{request.scheme}://{request.get_host()}"
    key = f"publication-page:{version}:{get_language()}:{audience}:{where}:{publication.pk}"
    kept = cache.get(key)
    if kept is None:
        paper = publications.with_authors().prefetch_related("research_areas").get(pk=publication.pk)
        lab = lab_profile(request)
        context = {
            "publication": paper,
            "bibtex": publications_bibtex([paper]),
            "citation": plain_citation(paper),
            "styles": citation_styles(paper, version),
            # the marks' legend where an author carries one; the list codes' never (a paper's page has none)
            "has_marks": any(a.is_corresponding or a.is_equal_contribution for a in paper.authorships.all()),
            "meta": scholar_meta(paper, request),
            "json_ld": json_ld(paper, request),
            "open_graph": open_graph(paper, request, str(lab or "")),
            "achievements": Achievement.objects.visible_to(request.user).filter(publications=paper),
            "news": paper.news_items.visible_to(request.user),
        }
        kept = tuple(
            render_to_string(f"publications/_publication_{part}.html", context, request)
            for part in ("head", "body")
        )
        cache.set(key, kept, FRAGMENT_SECONDS)
    context = {"publication": publication, "head": mark_safe(kept[0]), "body": mark_safe(kept[1])}
    return render(request, "publications/publication_detail.html", context)


@cache_public_page
def collection_list(request):
    collections = Collection.objects.visible_to(request.user)
    return render(request, "publications/collection_list.html", {"collections": collections})


@cache_public_page
def collection_detail(request, slug):
    visible = Publication.objects.visible_to(request.user)
    entries_query = CollectionEntry.objects.filter(publication__in=visible).select_related(
        "publication__venue"
    )
    collection = get_object_or_404(
        Collection.objects.visible_to(request.user).prefetch_related(
            Prefetch("entries", queryset=entries_query)
        ),
        slug=slug,
    )
    return render(request, "publications/collection_detail.html", {"collection": collection})


def publication_bibtex(request, slug):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).with_authors(), slug=slug)
    response = HttpResponse(
        publications_bibtex([publication]), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{publication.slug}.bib"'
    return response


@cache_public_page
def lab_figures_page(request):
    """The lab in figures: papers per year by CCF rank, top venues, institutions, citations."""

    return render(request, "publications/lab_figures.html", {"figures": lab_figures(request.user)})
