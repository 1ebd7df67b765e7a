from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from achievements.feeds import LatestAchievementsFeed
from activities.feeds import LatestTalksFeed, OpeningsFeed
from news.feeds import LatestNewsFeed
from publications.feeds import LatestPublicationsFeed
from publications.views import lab_figures_page

from . import views
from .api import router
from .cache import cache_public_page
from .media import serve_media
from .sitemaps import SITEMAPS

# The apps register their viewsets on the shared router when their api modules load.
for module in (
    "people.api",
    "publications.api",
    "jobs.api",
    "achievements.api",
    "news.api",
    "activities.api",
    "watch.api",
):
    import_module(module)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    # Password reset by e-mail (console in development) and the one-time "set your password" links.
    path("admin/password_reset/", auth_views.PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "admin/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("api/", RedirectView.as_view(url="/api/v1/", permanent=False)),  # the API's current version
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap, params=["p"]),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("people/", include("people.urls")),
    path("", include("publications.urls")),
    path("achievements/", include("achievements.urls")),
    path("news/", include("news.urls")),
    path("", include("activities.urls")),
    path("lab/figures/", lab_figures_page, name="lab-figures"),
    path("feeds/publications/", LatestPublicationsFeed(), name="feed-publications"),
    path("feeds/achievements/", LatestAchievementsFeed(), name="feed-achievements"),
    path("feeds/news/", LatestNewsFeed(), name="feed-news"),
    path("feeds/talks/", LatestTalksFeed(), name="feed-talks"),
    path("feeds/openings/", OpeningsFeed(), name="feed-openings"),
)

# Reference views for scripts/bench_pages.py; never on a real site.
if settings.BENCH_VIEWS:
    urlpatterns += [path("", include("devtools.urls"))]

# Uploaded files, when no web server or object storage serves MEDIA_ROOT in front of the site.
if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]
