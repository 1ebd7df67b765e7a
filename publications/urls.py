from django.urls import path

from . import views

app_name = "publications"
urlpatterns = [
    path("publications/", views.publication_list, name="publication-list"),
    path("publications/publications.bib", views.publication_list_export, name="publication-list-bibtex"),
    path(
        "publications/publications.ris",
        views.publication_list_export,
        {"format": "ris"},
        name="publication-list-ris",
    ),
    path(
        "publications/publications.json",
        views.publication_list_export,
        {"format": "csljson"},
        name="publication-list-csljson",
    ),
    path(
        "publications/references.txt", views.publication_list_references, name="publication-list-references"
    ),
    path(
        "publications/references.html",
        views.publication_list_references,
        {"output": "html"},
        name="publication-list-references-html",
    ),
    path("publications/<slug:slug>/", views.publication_detail, name="publication-detail"),
    path("publications/<slug:slug>/cite.bib", views.publication_bibtex, name="publication-bibtex"),
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection-detail"),
]
