from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("honours/", views.honor_list, name="honor-list"),
    path("<slug:slug>/", views.person_detail, name="person-detail"),
]
