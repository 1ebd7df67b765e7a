from functools import cache

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render

from activities.models import Course, Project, Software, Talk
from portal.cache import cache_public_page, content_version, deferred
from publications.services import group_by_year
from publications.services import person_list as papers_of

from .models import Honor, Membership, Person, Supervision
from .services import roster, students_of


@cache_public_page
def person_list(request):
    people = Person.objects.visible_to(request.user)
    # read inside the page's fragment: built only when the roster changed
    return render(request, "people/person_list.html", {"roster": deferred(lambda: roster(people))})


@cache_public_page
def person_detail(request, slug):
    people = Person.objects.visible_to(request.user)
    person = get_object_or_404(people, slug=slug)
    version = content_version(request)

    def profile():
        supervisions = Supervision.objects.filter(supervisor__in=people).select_related("supervisor")
        stints = Membership.objects.prefetch_related(Prefetch("supervisions", queryset=supervisions))
        honors = Honor.objects.visible_to(request.user).select_related("award__publication")
        prefetch_related_objects(
            [person],
            Prefetch("honors", queryset=honors),
            "research_areas",
            "aliases",
            Prefetch("memberships", queryset=stints),
            *activities_of(request.user),
        )
        return person

    @cache
    def students():
        return students_of(person, people)

    @cache
    def papers():
        entries, figures = papers_of(person, request.user, version)
        return group_by_year(entries), figures

    # What the page's fragment reads (see people/person_detail.html) is loaded only when it is rendered.
    context = {
        "person": person,
        "profile": deferred(profile),
        "years": deferred(lambda: papers()[0]),
        "figures": deferred(lambda: papers()[1]),
        "current_students": deferred(lambda: students()[0]),
        "former_students": deferred(lambda: students()[1]),
    }
    return render(request, "people/person_detail.html", context)


def activities_of(user) -> list[Prefetch]:
    """A person's projects, software, talks and courses, those the user may see."""
    return [
        Prefetch(
            "projects",
            queryset=Project.objects.visible_to(user).defer("summary", "summary_en", "summary_zh_hans"),
        ),
        Prefetch("software", queryset=Software.objects.visible_to(user).only("slug", "name", "is_published")),
        Prefetch(
            "talks",
            queryset=Talk.objects.visible_to(user).only(
                "slug",
                "title_en",
                "title_zh_hans",
                "kind",
                "event_en",
                "event_zh_hans",
                "date",
                "is_published",
            ),
        ),
        Prefetch(
            "courses",
            queryset=Course.objects.visible_to(user).only(
                "slug", "title_en", "title_zh_hans", "code", "year", "season", "level", "is_published"
            ),
        ),
    ]


@cache_public_page
def honor_list(request):
    """Honours of the lab and its members, by year."""
    honors = Honor.objects.visible_to(request.user).select_related("person", "award__publication")
    years = {}
    for honor in honors:
        years.setdefault(honor.year, []).append(honor)
    return render(request, "people/honor_list.html", {"years": list(years.items())})
