from django.urls import path

from . import views

app_name = "achievements"
urlpatterns = [
    path("", views.achievement_list, name="achievement-list"),
    path("<int:year>/", views.achievement_year, name="achievement-year"),
    path("<int:year>/<slug:slug>/", views.achievement_detail, name="achievement-detail"),
]
