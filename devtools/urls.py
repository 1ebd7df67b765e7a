"""The floor views, mounted by portal.urls only when BENCH_VIEWS=true; never on a real site."""

from django.urls import path

from . import views

urlpatterns = [
    path("bench/floor/", views.template_floor),
    path("bench/api-floor/", views.api_floor_view()),
]
