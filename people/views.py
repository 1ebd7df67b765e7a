from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from portal.cache import cache_public_page, content_version

from .models import Honor, Membership, Person, Supervision
from .services import roster, students_of


@cache_public_page
def person_list(request):
    people = Person.objects.visible_to(request.user)
    return render(request, "people/person_list.html", {"roster": roster(people)})


@cache_public_page
def person_detail(request, slug):
    # Imported here so that `people` does not depend on `publications` at import time.
    from publications.services import group_by_year, person_list

    people = Person.objects.visible_to(request.user)
    supervisions = Supervision.objects.filter(supervisor__in=people).select_related("supervisor")
    stints = Membership.objects.prefetch_related(Prefetch("supervisions", queryset=supervisions))
    honors = Honor.objects.visible_to(request.user).select_related("award__publication")
    person = get_object_or_404(
        people.prefetch_related(
            Prefetch("honors", queryset=honors),
            "research_areas",
            "aliases",
            Prefetch("memberships", queryset=stints),
        ),
        slug=slug,
    )
    current_students, former_students = students_of(person, people)
    entries, figures = person_list(person, request.user, content_version(request))
    context = {
        "person": person,
        "years": group_by_year(entries),
        "figures": figures,
        "current_students": current_students,
        "former_students": former_students,
    }
    return render(request, "people/person_detail.html", context)


@cache_public_page
def honor_list(request):
    """Honours of the lab and its members, by year."""
    honors = Honor.objects.visible_to(request.user).select_related("person", "award__publication")
    years = {}
    for honor in honors:
        years.setdefault(honor.year, []).append(honor)
    return render(request, "people/honor_list.html", {"years": list(years.items())})
