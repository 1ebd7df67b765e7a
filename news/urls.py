from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.news_list, name="news-list"),
    path("<int:year>/", views.news_year, name="news-year"),
    path("<slug:slug>/", views.news_detail, name="news-detail"),
]
