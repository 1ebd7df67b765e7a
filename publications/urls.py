from django.urls import path

from . import views

app_name = "publications"
urlpatterns = [
    path("publications/", views.publication_list, name="publication-list"),
    path("publications/publications.bib", views.publication_list_bibtex, name="publication-list-bibtex"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication-detail"),
    path("publications/<slug:slug>/cite.bib", views.publication_bibtex, name="publication-bibtex"),
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection-detail"),
]
