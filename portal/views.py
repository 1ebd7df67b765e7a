from django.shortcuts import render

from achievements.models import Achievement
from publications.models import Publication


def home(request):
    publications = Publication.objects.visible_to(request.user).lab_works().with_authors()[:10]
    achievements = Achievement.objects.visible_to(request.user).filter(featured=True)[:6]
    return render(request, "portal/home.html", {"publications": publications, "achievements": achievements})
