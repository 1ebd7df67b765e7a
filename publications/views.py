from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Collection, CollectionEntry, Publication


def publication_list(request):
    publications = Publication.objects.visible_to(request.user).lab_works().with_authors()
    page = Paginator(publications, 50).get_page(request.GET.get("page"))
    return render(request, "publications/publication_list.html", {"page": page})


def publication_detail(request, slug):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).with_authors(), slug=slug)
    return render(request, "publications/publication_detail.html", {"publication": publication})


def collection_list(request):
    collections = Collection.objects.visible_to(request.user)
    return render(request, "publications/collection_list.html", {"collections": collections})


def collection_detail(request, slug):
    entries = CollectionEntry.objects.select_related("publication__venue")
    collection = get_object_or_404(
        Collection.objects.visible_to(request.user).prefetch_related(Prefetch("entries", queryset=entries)),
        slug=slug,
    )
    return render(request, "publications/collection_detail.html", {"collection": collection})
