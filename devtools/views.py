"""Reference views for the benchmark script (scripts/bench_pages.py), mounted only when
BENCH_VIEWS=true: the "floor" every real page is measured against."""

from django.shortcuts import render

from publications.models import Publication


def template_floor(request):
    """A bare view: one query for 50 flat rows, rendered by a plain template."""
    rows = Publication.objects.order_by("-year", "-id").values("slug", "title_en", "year", "venue_text")[:50]
    return render(request, "bench/floor.html", {"rows": rows})


def api_floor_view():
    """A bare DRF ListAPIView + ModelSerializer over 50 flat rows (built lazily: DRF loads on use)."""
    from rest_framework import generics, pagination, serializers

    class FlatSerializer(serializers.ModelSerializer):
        class Meta:
            model = Publication
            fields = ["id", "slug", "title_en", "year", "venue_text", "doi"]

    class Fifty(pagination.PageNumberPagination):
        page_size = 50

    class Floor(generics.ListAPIView):
        queryset = Publication.objects.order_by("-year", "-id")
        serializer_class = FlatSerializer
        pagination_class = Fifty
        authentication_classes = []
        throttle_classes = []
        filter_backends = []

    return Floor.as_view()
