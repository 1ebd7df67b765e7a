from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Achievement


def achievement_list(request):
    achievements = Achievement.objects.visible_to(request.user)
    return render(request, "achievements/achievement_list.html", {"achievements": achievements})


def achievement_year(request, year):
    achievements = list(Achievement.objects.visible_to(request.user).filter(year=year))
    if not achievements:
        raise Http404
    return render(request, "achievements/achievement_list.html", {"achievements": achievements, "year": year})


def achievement_detail(request, year, slug):
    achievement = get_object_or_404(
        Achievement.objects.visible_to(request.user).prefetch_related(
            "links", "figures", "people", "publications__venue"
        ),
        year=year,
        slug=slug,
    )
    return render(request, "achievements/achievement_detail.html", {"achievement": achievement})
