from django.urls import path

import portal.converters  # noqa: F401  (the year converter)

from . import views

app_name = "news"
urlpatterns = [
    path("", views.news_list, name="news-list"),
    path("<year:year>/", views.news_year, name="news-year"),
    path("<slug:slug>/", views.news_detail, name="news-detail"),
]
