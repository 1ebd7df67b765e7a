"""The site's addresses and one that fails, for the server error page's test."""

from django.urls import path

from portal.urls import handler404, handler500, urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def failing(request):
    raise RuntimeError("a page that failed")


urlpatterns = [path("en/failing/", failing), path("zh-hans/failing/", failing), *urlpatterns]
