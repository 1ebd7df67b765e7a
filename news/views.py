from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal.cache import cache_public_page, deferred

from .models import NewsItem

PAGE_SIZE = 20


def visible(request):
    return NewsItem.objects.visible_to(request.user)


def archive_years(request) -> list[int]:
    return [d.year for d in visible(request).dates("date", "year", order="DESC")]


@cache_public_page(params=["page"])
def news_list(request):
    number = request.GET.get("page")
    context = {  # read inside the page's fragment: loaded only when it is rendered
        "page": deferred(lambda: Paginator(visible(request).with_links(), PAGE_SIZE).get_page(number)),
        "years": deferred(lambda: archive_years(request)),
        "page_number": (number or "")[:12],
    }
    return render(request, "news/news_list.html", context)


@cache_public_page(params=["page"])
def news_year(request, year):
    items = visible(request).filter(date__year=year).with_links()
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.object_list:
        raise Http404
    number = (request.GET.get("page") or "")[:12]
    context = {"page": page, "year": year, "years": archive_years(request), "page_number": number}
    return render(request, "news/news_list.html", context)


@cache_public_page
def news_detail(request, slug):
    item = get_object_or_404(visible(request).with_links(), slug=slug)
    return render(request, "news/news_detail.html", {"item": item})
