from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from achievements.models import Achievement
from activities.models import Course, Opening, Project, Software, Talk
from news.models import NewsItem
from people.models import Person, PersonAlias, ResearchArea
from portal.filters import AREA_NAMES, any_matches, every_word, part_matches, word_parts
from portal.search import search_parts
from publications.filters import text_search
from publications.models import Collection, Publication
from publications.services import list_codes, list_entries

from .cache import FRAGMENT_SECONDS, cache_public_page, content_version, deferred

SEARCH_LIMIT = 20
HOME_NEWS = 5
HOME_SELECTED = 4


@cache_public_page
def home(request):
    publications = Publication.objects.visible_to(request.user).lab_works().values_list("pk", "year")[:10]
    version = content_version(request)

    def codes():
        return list_codes(Publication.objects.public().lab_works(), "lab", version)

    achievements = (
        Achievement.objects.visible_to(request.user).filter(featured=True).prefetch_related("figures")[:6]
    )
    news = NewsItem.objects.visible_to(request.user)[:HOME_NEWS]
    selected = (
        Publication.objects.visible_to(request.user)
        .lab_works()
        .filter(featured=True)
        .select_related("venue")
        .prefetch_related("awards")[:HOME_SELECTED]
    )
    context = {  # read inside the page's fragment (portal/home.html): loaded only when it is rendered
        "publications": deferred(lambda: list_entries(publications, codes(), version)),
        "selected": selected,
        "areas": ResearchArea.objects.all(),
        "achievements": achievements,
        "news": news,
        # outside the cached fragment: an opening leaves the home page the day after its deadline
        "recruiting": recruiting(version),
    }
    return render(request, "portal/home.html", context)


def recruiting(version: str) -> bool:
    """Whether any position is open today, kept per content version and day."""
    today = timezone.localdate()
    key = f"recruiting:{version}:{today}"
    return cache.get_or_set(key, lambda: Opening.objects.public().open(today).exists(), FRAGMENT_SECONDS)


def matching_people(queryset, parts):
    """People by name, name variant or research area (either language): for each part, the people any of
    the three names, gathered in one list (a UNION, each from its own index; as conditions joined by
    OR, PostgreSQL read every person: 5,000 people, 7.7 ms against 0.7 ms)."""
    for terms in word_parts(parts):
        named = part_matches("search_text", terms)
        area = any_matches(AREA_NAMES, terms)
        found = (
            Person.objects.filter(named).order_by().values("pk")
            .union(PersonAlias.objects.filter(named).order_by().values("person_id"),
                   Person.research_areas.through.objects.filter(area).order_by().values("person_id"))
        )  # fmt: skip
        queryset = queryset.filter(pk__in=found)
    return queryset


@cache_public_page(params=["q"])
def search(request):
    """People, papers, achievements, news and reading lists matching every word of `q`, at most 20 of each."""
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:200]
    results = {}
    version = content_version(request) if query else ""
    parts = search_parts(query, version)
    if parts:
        user = request.user
        people = matching_people(Person.objects.visible_to(user), parts).prefetch_related("research_areas")
        publications = text_search(Publication.objects.visible_to(user).lab_works(), parts)
        achievements = every_word(
            Achievement.objects.visible_to(user).prefetch_related("figures"), parts, ["search_text"]
        )
        collections = every_word(
            Collection.objects.visible_to(user),
            parts,
            ["title_en", "title_zh_hans", "description_en", "description_zh_hans"],
        )
        news = every_word(NewsItem.objects.visible_to(user).with_links(), parts, ["search_text"])
        codes = list_codes(Publication.objects.public().lab_works(), "lab", version)
        projects = every_word(Project.objects.visible_to(user), parts, ["search_text"])
        software = every_word(Software.objects.visible_to(user), parts, ["search_text"])
        talks = every_word(Talk.objects.visible_to(user), parts, ["search_text"])
        courses = every_word(Course.objects.visible_to(user), parts, ["search_text"])
        openings = every_word(Opening.objects.visible_to(user).open(), parts, ["search_text"])
        results = {
            "people": list(people[:SEARCH_LIMIT]),
            "publications": list_entries(
                publications.values_list("pk", "year")[:SEARCH_LIMIT], codes, version
            ),
            "achievements": list(achievements[:SEARCH_LIMIT]),
            "collections": list(collections[:SEARCH_LIMIT]),
            "news": list(news[:SEARCH_LIMIT]),
            "projects": list(projects[:SEARCH_LIMIT]),
            "software": list(software[:SEARCH_LIMIT]),
            "talks": list(talks[:SEARCH_LIMIT]),
            "courses": list(courses[:SEARCH_LIMIT]),
            "openings": list(openings[:SEARCH_LIMIT]),
        }
    context = {
        "query": query,
        "results": results,
        "found": sum(len(found) for found in results.values()),
        "limit": SEARCH_LIMIT,
    }
    return render(request, "portal/search.html", context)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines += ["", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """API clients get JSON whatever failed (a database that stopped answering before the API's own
    handler ran), visitors the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "The server could not answer; try again in a minute."}, status=500)
    return defaults.server_error(request)


def page_not_found(request, exception=None):
    """API clients get JSON, visitors the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
