from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from portal.cache import cache_public_page, content_version

from .models import ROLE_ORDER, Person, Role


@cache_public_page
def person_list(request):
    people = list(Person.objects.visible_to(request.user).prefetch_related("research_areas"))
    current = sorted(
        (p for p in people if not p.is_alumnus), key=lambda p: (ROLE_ORDER[p.role], p.display_order, p.slug)
    )
    groups = [(Role(role).label, list(members)) for role, members in groupby(current, key=lambda p: p.role)]
    alumni = sorted((p for p in people if p.is_alumnus), key=lambda p: (-p.left_on.toordinal(), p.slug))
    return render(request, "people/person_list.html", {"groups": groups, "alumni": alumni})


@cache_public_page
def person_detail(request, slug):
    # Imported here so that `people` does not depend on `publications` at import time.
    from publications.services import group_by_year, person_list

    person = get_object_or_404(
        Person.objects.visible_to(request.user).prefetch_related(
            "honors", "research_areas", Prefetch("aliases")
        ),
        slug=slug,
    )
    entries, figures = person_list(person, request.user, content_version(request))
    context = {"person": person, "years": group_by_year(entries), "figures": figures}
    return render(request, "people/person_detail.html", context)
