from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal.cache import asked_page, cache_public_page, deferred, page_of

from .models import NewsItem

PAGE_SIZE = 20


def visible(request):
    return NewsItem.objects.visible_to(request.user)


def archive_years(request) -> list[int]:
    return [d.year for d in visible(request).dates("date", "year", order="DESC")]


@cache_public_page(params=["page"])
def news_list(request):
    number = asked_page(request)
    context = {  # read inside the page's fragment: loaded only when it is rendered
        "page": deferred(lambda: page_of(Paginator(visible(request).with_links(), PAGE_SIZE), number)),
        "years": deferred(lambda: archive_years(request)),
        "page_number": number,
    }
    return render(request, "news/news_list.html", context)


@cache_public_page(params=["page"])
def news_year(request, year):
    items = visible(request).filter(date__year=year).with_links()
    number = asked_page(request)
    page = page_of(Paginator(items, PAGE_SIZE), number)
    if not page.object_list:
        raise Http404
    context = {"page": page, "year": year, "years": archive_years(request), "page_number": number}
    return render(request, "news/news_list.html", context)


@cache_public_page
def news_detail(request, slug):
    item = get_object_or_404(visible(request).with_links(), slug=slug)
    return render(request, "news/news_detail.html", {"item": item})
