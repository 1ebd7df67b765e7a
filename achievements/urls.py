from django.urls import path

from . import views

app_name = "achievements"
urlpatterns = [
    path("", views.achievement_list, name="achievement-list"),
    path("<int:year>/", views.achievement_year, name="achievement-year"),
    path("<int:year>/report/", views.achievement_report, name="report"),
    path("<int:year>/report.pdf", views.achievement_report_file, {"format": "pdf"}, name="report-pdf"),
    path("<int:year>/report.docx", views.achievement_report_file, {"format": "docx"}, name="report-docx"),
    path("<int:year>/<slug:slug>/", views.achievement_detail, name="achievement-detail"),
]
