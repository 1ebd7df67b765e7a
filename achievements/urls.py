from django.urls import path

import portal.converters  # noqa: F401  (the year converter)

from . import views

app_name = "achievements"
urlpatterns = [
    path("", views.achievement_list, name="achievement-list"),
    path("<year:year>/", views.achievement_year, name="achievement-year"),
    path("<year:year>/report/", views.achievement_report, name="report"),
    path("<year:year>/report.pdf", views.achievement_report_file, {"format": "pdf"}, name="report-pdf"),
    path("<year:year>/report.docx", views.achievement_report_file, {"format": "docx"}, name="report-docx"),
    path("<year:year>/<slug:slug>/", views.achievement_detail, name="achievement-detail"),
]
