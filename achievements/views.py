from itertools import groupby

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from people.models import Person
from portal.cache import cache_public_page, content_version
from publications.models import Publication
from publications.services import entries_of

from .models import Achievement

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
    recent = list(achievements.order_by("-year").values_list("year", flat=True).distinct()[:RECENT_YEARS])
    years = by_year(achievements.filter(year__in=recent).prefetch_related("figures"))
    earlier = (
        achievements.filter(year__lt=min(recent, default=0))
        .order_by("-year")
        .values("year")
        .annotate(count=Count("id"))
    )
    return render(request, "achievements/achievement_list.html", {"years": years, "earlier": earlier})


@cache_public_page
def achievement_year(request, year):
    achievements = list(visible(request).filter(year=year).prefetch_related("figures"))
    if not achievements:
        raise Http404
    years = Achievement.objects.visible_to(request.user).order_by("-year").values_list("year", flat=True)
    context = {"years": by_year(achievements), "year": year, "all_years": sorted(set(years), reverse=True)}
    return render(request, "achievements/achievement_list.html", context)


@cache_public_page
def achievement_detail(request, year, slug):
    publications = Publication.objects.visible_to(request.user).with_authors()
    achievement = get_object_or_404(
        Achievement.objects.visible_to(request.user).prefetch_related(
            "links",
            "figures",
            "research_areas",
            Prefetch("people", queryset=Person.objects.visible_to(request.user)),
            Prefetch("publications", queryset=publications),
        ),
        year=year,
        slug=slug,
    )
    publications = entries_of(achievement.publications.all(), {}, content_version(request))
    context = {"achievement": achievement, "publications": publications}
    return render(request, "achievements/achievement_detail.html", context)
