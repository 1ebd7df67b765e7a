from django.urls import path

from . import views

app_name = "publications"
urlpatterns = [
    path("publications/", views.publication_list, name="publication-list"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication-detail"),
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection-detail"),
]
