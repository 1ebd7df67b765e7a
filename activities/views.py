from itertools import groupby

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from achievements.documents import pdf_of
from achievements.models import Achievement
from people.models import Honor, Membership, Person, Supervision
from people.services import students_of
from people.views import activities_of
from portal.cache import FRAGMENT_SECONDS, cache_public_page, content_version
from portal.visibility import audience, sees_drafts
from publications.models import Publication
from publications.services import entries_of, group_by_year
from publications.services import person_list as papers_of

from .models import Course, Opening, Project, Software, Talk

HEADLINE = ["year", "slug", "short_name", "title_en", "title_zh_hans", "is_published"]


def people(request, *names):
    """Prefetches of the people fields `names`, those the user may see, ordered as the lab orders them."""
    visible = Person.objects.visible_to(request.user).only("slug", "name_en", "name_zh_hans", "is_published")
    return [Prefetch(name, queryset=visible) for name in names]


def papers(request, version: str, record) -> list:
    return entries_of(record.publications.all(), {}, version)


def paper_prefetch(request):
    return Prefetch("publications", queryset=Publication.objects.visible_to(request.user).with_authors())


def by_year(records, year_of) -> list[tuple[int, list]]:
    return [(year, list(group)) for year, group in groupby(records, key=year_of)]


@cache_public_page
def project_list(request):
    projects = list(
        Project.objects.visible_to(request.user)
        .select_related("principal_investigator")
        .prefetch_related(*people(request, "people"))
        .defer("summary_en", "summary_zh_hans", "summary")
    )
    context = {
        "running": [project for project in projects if project.is_running],
        "completed": [project for project in projects if not project.is_running],
    }
    return render(request, "activities/project_list.html", context)


@cache_public_page
def project_detail(request, slug):
    project = get_object_or_404(
        Project.objects.visible_to(request.user)
        .select_related("principal_investigator")
        .prefetch_related(
            *people(request, "people"),
            paper_prefetch(request),
            Prefetch("achievements", queryset=Achievement.objects.visible_to(request.user).only(*HEADLINE)),
        ),
        slug=slug,
    )
    lead = project.principal_investigator
    if lead and not lead.is_published and not sees_drafts(request.user):
        project.principal_investigator = None  # a draft profile is no link for visitors
    context = {"project": project, "publications": papers(request, content_version(request), project)}
    return render(request, "activities/project_detail.html", context)


@cache_public_page
def software_list(request):
    software = Software.objects.visible_to(request.user).defer(
        "description_en",
        "description_zh_hans",
        "description",
        "description_html_en",
        "description_html_zh_hans",
        "description_html",
    )
    return render(request, "activities/software_list.html", {"software": software})


@cache_public_page
def software_detail(request, slug):
    item = get_object_or_404(
        Software.objects.visible_to(request.user).prefetch_related(
            *people(request, "people"), paper_prefetch(request)
        ),
        slug=slug,
    )
    context = {"item": item, "publications": papers(request, content_version(request), item)}
    return render(request, "activities/software_detail.html", context)


@cache_public_page
def talk_list(request):
    talks = (
        Talk.objects.visible_to(request.user)
        .prefetch_related(*people(request, "speakers"))
        .defer(
            "abstract",
            "abstract_en",
            "abstract_zh_hans",
            "abstract_html",
            "abstract_html_en",
            "abstract_html_zh_hans",
        )
    )
    return render(
        request, "activities/talk_list.html", {"years": by_year(talks, lambda talk: talk.date.year)}
    )


@cache_public_page
def talk_detail(request, slug):
    talk = get_object_or_404(
        Talk.objects.visible_to(request.user).prefetch_related(
            *people(request, "speakers"), paper_prefetch(request)
        ),
        slug=slug,
    )
    context = {"talk": talk, "publications": papers(request, content_version(request), talk)}
    return render(request, "activities/talk_detail.html", context)


@cache_public_page
def course_list(request):
    courses = Course.objects.visible_to(request.user).prefetch_related(*people(request, "teachers"))
    return render(
        request, "activities/course_list.html", {"years": by_year(courses, lambda course: course.year)}
    )


@cache_public_page
def course_detail(request, slug):
    course = get_object_or_404(
        Course.objects.visible_to(request.user).prefetch_related(*people(request, "teachers")), slug=slug
    )
    others = Course.objects.visible_to(request.user).exclude(pk=course.pk)
    others = others.filter(code=course.code) if course.code else others.filter(title_en=course.title_en)
    context = {"course": course, "others": others.only("slug", "year", "season", "code")}
    return render(request, "activities/course_detail.html", context)


def openings_for(request):
    """Open positions for visitors; editors also see those past their deadline (marked closed)."""
    openings = Opening.objects.visible_to(request.user)
    return openings if request.user.is_staff else openings.open(timezone.localdate())


def opening_list(request):
    # Not in the page cache: an opening leaves the page the day after its deadline, with no change
    # stored that would renew the cached page.
    openings = openings_for(request).prefetch_related(*people(request, "supervisors"))
    return render(request, "activities/opening_list.html", {"openings": openings})


def opening_detail(request, slug):
    opening = get_object_or_404(
        openings_for(request).prefetch_related(*people(request, "supervisors")), slug=slug
    )
    return render(request, "activities/opening_detail.html", {"opening": opening})


def cv_context(request, slug):
    """What a person's CV shows, from what the portal holds: positions (stints), honours, projects,
    talks, teaching, students and papers."""
    people = Person.objects.visible_to(request.user)
    person = get_object_or_404(people, slug=slug)
    supervisions = Supervision.objects.filter(supervisor__in=people).select_related("supervisor")
    prefetch_related_objects(
        [person],
        Prefetch(
            "memberships",
            queryset=Membership.objects.prefetch_related(Prefetch("supervisions", queryset=supervisions)),
        ),
        Prefetch(
            "honors", queryset=Honor.objects.visible_to(request.user).select_related("award__publication")
        ),
        *activities_of(request.user),
    )
    entries, _figures = papers_of(person, request.user, content_version(request))
    current, former = students_of(person, people)
    return {"person": person, "years": group_by_year(entries), "students": current + former}


@cache_public_page
def person_cv(request, slug):
    return render(request, "activities/person_cv.html", cv_context(request, slug))


def person_cv_pdf(request, slug):
    """The CV as a PDF (WeasyPrint, as the annual report), kept per content version and language."""
    key = f"cv-pdf:{content_version(request)}:{get_language()}:{audience(request.user)}:{slug}"
    data = cache.get(key)
    if data is None:
        html = render_to_string("activities/person_cv_document.html", cv_context(request, slug), request)
        try:
            data = pdf_of(html)
        except OSError:  # WeasyPrint could not load Pango: scripts/install-pdf installs it
            message = _("The PDF cannot be made on this server (Pango is missing); the page can be printed.")
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        cache.set(key, data, FRAGMENT_SECONDS)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cv-{slug}.pdf"'
    return response
