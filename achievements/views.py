import functools
import logging
from itertools import groupby

from django.core.cache import cache
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from people.models import Person
from portal.cache import FRAGMENT_SECONDS, cache_public_page, content_version, deferred
from portal.visibility import audience as audience_of
from portal.visibility import sees_drafts
from publications.models import Publication
from publications.services import entries_of

from .documents import CONTENT_TYPES, stored_document
from .models import Achievement
from .report import annual_report, has_report
from .tasks import make_report_document, pending_key

logger = logging.getLogger(__name__)

# What list pages never show: the Markdown sources and the body.
LIST_DEFERRED = [
    f"{field}_{language}" for field in ("body", "body_html", "summary") for language in ("en", "zh_hans")
] + ["body", "body_html", "summary"]


RECENT_YEARS = 3


def visible(request):
    return Achievement.objects.visible_to(request.user).defer(*LIST_DEFERRED)


def by_year(achievements):
    return [(year, list(group)) for year, group in groupby(achievements, key=lambda a: a.year)]


@cache_public_page
def achievement_list(request):
    # The latest years show in full, as cards; earlier ones as links to their year's page.
    achievements = visible(request)
    recent = deferred(
        lambda: list(achievements.order_by("-year").values_list("year", flat=True).distinct()[:RECENT_YEARS])
    )
    # read inside the page's fragment: loaded only when it is rendered
    years = deferred(lambda: by_year(achievements.filter(year__in=recent()).prefetch_related("figures")))
    earlier = deferred(
        lambda: list(
            achievements.filter(year__lt=min(recent(), default=0))
            .order_by("-year")
            .values("year")
            .annotate(count=Count("id"))
        )
    )
    return render(request, "achievements/achievement_list.html", {"years": years, "earlier": earlier})


@cache_public_page
def achievement_year(request, year):
    achievements = list(visible(request).filter(year=year).prefetch_related("figures"))
    years = sorted(
        set(Achievement.objects.visible_to(request.user).values_list("year", flat=True)), reverse=True
    )
    # a year of the lab's with nothing recorded is a page that says so and leads to the others; a year
    # before the lab's first or after this one is no page
    if not achievements and not (years and years[-1] <= year <= timezone.localdate().year):
        raise Http404
    context = {"years": by_year(achievements), "year": year, "all_years": years}
    return render(request, "achievements/achievement_list.html", context)


@cache_public_page
def achievement_detail(request, year, slug):
    publications = Publication.objects.visible_to(request.user).with_authors()
    achievements = Achievement.objects.visible_to(request.user)
    # What the page shows outside its fragment (its title); the whole record is loaded when it is rendered.
    headline = ["pk", "year", "slug", "is_published", "short_name", "title_en", "title_zh_hans"]
    achievement = get_object_or_404(achievements.only(*headline), year=year, slug=slug)
    version = content_version(request)

    @functools.cache
    def whole():
        return achievements.prefetch_related(
            "links",
            "figures",
            "research_areas",
            Prefetch("people", queryset=Person.objects.visible_to(request.user)),
            Prefetch("publications", queryset=publications),
        ).get(pk=achievement.pk)

    # What the page's fragment reads is loaded only when it is rendered.
    context = {
        "achievement": achievement,
        "whole": deferred(whole),
        "publications": deferred(lambda: entries_of(whole().publications.all(), {}, version)),
    }
    return render(request, "achievements/achievement_detail.html", context)


def report_of(request, year):

    report = annual_report(year, request.user, content_version(request))
    if not report.achievements and not report.papers:
        raise Http404
    return report


@cache_public_page
def achievement_report(request, year):
    """The annual report (年度成果报告) of a year, to read and to print: gathered and rendered once per
    content version, language and audience (a year's report reads some 16 queries' worth of records)."""
    audience = audience_of(request.user)
    key = f"report-page:{content_version(request)}:{get_language()}:{audience}:{year}"
    body = cache.get(key)
    if body is None:
        report = report_of(request, year)  # a year with nothing to report is not found
        body = render_to_string("achievements/_report_page.html", {"report": report}, request)
        cache.set(key, body, FRAGMENT_SECONDS)
    return render(request, "achievements/report.html", {"year": year, "body": mark_safe(body)})


def queued_for_a_worker(*document) -> bool:
    """Whether a worker makes (or already makes) this document; False when the broker does not take
    the task (it is then made here and now, as with no broker)."""

    if not cache.add(pending_key(*document), 1, 600):
        return True
    try:
        make_report_document.delay(*document)
    except Exception as error:  # noqa: BLE001 - the broker did not take the message, whatever the cause
        logger.warning("the report's PDF is made in the request: the broker did not answer (%s)", error)
        cache.delete(pending_key(*document))
        return False
    return True


def achievement_report_file(request, year, format):
    """The report as a PDF or a Word file, made once per content version and language and kept. A PDF
    not made yet is made by a worker (with no broker, here and now) while this answers a page that
    says so and looks again in a few seconds."""

    staff, language, version = sees_drafts(request.user), get_language(), content_version(request)
    data = stored_document(format, year, language, staff, version)
    if data is None:
        if not has_report(year, request.user):  # nothing to report: not found, and no task queued for it
            raise Http404
        eager = make_report_document.app.conf.task_always_eager
        if format == "pdf" and not eager and queued_for_a_worker(format, year, language, staff, version):
            return render(request, "achievements/report_waiting.html", {"year": year}, status=202)
        try:
            if not make_report_document.apply(args=[format, year, language, staff]).get():
                raise Http404
        except OSError:  # WeasyPrint could not load Pango: scripts/install-pdf installs it
            message = _(
                "The PDF cannot be made on this server (Pango is missing); the page and the Word file can."
            )
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        data = stored_document(format, year, language, staff, version)
        if data is None:  # the content changed while it was made: the next request makes it again
            return render(request, "achievements/report_waiting.html", {"year": year}, status=202)
    response = HttpResponse(data, content_type=CONTENT_TYPES[format])
    short = "zh" if language.startswith("zh") else "en"
    response["Content-Disposition"] = f'inline; filename="annual-report-{year}-{short}.{format}"'
    response["Cache-Control"] = "private, no-store" if staff else "public, max-age=300"
    return response
