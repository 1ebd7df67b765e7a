from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/<slug:slug>/", views.project_detail, name="project-detail"),
    path("software/", views.software_list, name="software-list"),
    path("software/<slug:slug>/", views.software_detail, name="software-detail"),
    path("talks/", views.talk_list, name="talk-list"),
    path("talks/<slug:slug>/", views.talk_detail, name="talk-detail"),
    path("teaching/", views.course_list, name="course-list"),
    path("teaching/<slug:slug>/", views.course_detail, name="course-detail"),
    path("openings/", views.opening_list, name="opening-list"),
    path("openings/<slug:slug>/", views.opening_detail, name="opening-detail"),
    path("people/<slug:slug>/cv/", views.person_cv, name="person-cv"),
    path("people/<slug:slug>/cv.pdf", views.person_cv_pdf, name="person-cv-pdf"),
]
