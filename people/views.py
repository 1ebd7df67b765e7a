from django.shortcuts import get_object_or_404, render

from .models import Person


def person_list(request):
    people = Person.objects.visible_to(request.user)
    return render(request, "people/person_list.html", {"people": people})


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.visible_to(request.user).prefetch_related("honors", "research_areas"), slug=slug
    )
    # Imported here so that `people` does not depend on `publications` at import time.
    from publications.models import Publication

    publications = Publication.objects.visible_to(request.user).for_person(person).with_authors()
    return render(request, "people/person_detail.html", {"person": person, "publications": publications})
