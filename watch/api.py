"""/api/v1/suggestions/: the papers the nightly watch found, for the members they name and for editors.

GET lists them (filters: state, kind, person); POST /{id}/accept/ and /{id}/reject/ decide one, POST
/accept/ with {"ids": [...]} accepts several, each on its own (one that cannot be stored stops no
other). Anonymous clients and accounts without a role get 401/403.
"""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import roles
from portal.api import StrictModelSerializer, router
from portal.filters import StrictFilterSet, TextFilter
from portal.imports import ImportFailed

from .accepting import Refused, accept, accept_many, reject
from .models import Suggestion, SuggestionKind, SuggestionState


class MaySeeSuggestions(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated) and (roles.is_editor(user) or roles.is_member(user))


class SuggestionSerializer(StrictModelSerializer):
    members = serializers.SlugRelatedField(source="people", slug_field="slug", many=True, read_only=True)
    publication = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="The paper's slug."
    )
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "kind",
            "state",
            "title",
            "year",
            "venue",
            "authors",
            "doi",
            "arxiv_id",
            "members",
            "sources",
            "publication",
            "changes",
            "found_at",
            "decided_by",
            "decided_at",
            "outcome",
        ]
        read_only_fields = fields


class SuggestionFilter(StrictFilterSet):
    state = django_filters.ChoiceFilter(choices=SuggestionState.choices)
    kind = django_filters.ChoiceFilter(choices=SuggestionKind.choices)
    person = TextFilter(field_name="people__slug", max_length=80, label="A member's slug")

    class Meta:
        model = Suggestion
        fields = ["state", "kind", "person"]


class ManyIdsSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=1, max_length=500
    )


class AcceptedManySerializer(serializers.Serializer):
    accepted = SuggestionSerializer(many=True)
    problems = serializers.ListField(child=serializers.CharField(), help_text="Why each other one was not.")


class SuggestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Papers found for the lab's members at ORCID, DBLP, OpenAlex and arXiv, waiting or decided."""

    serializer_class = SuggestionSerializer
    permission_classes = [MaySeeSuggestions]
    filterset_class = SuggestionFilter

    def get_queryset(self):
        queryset = Suggestion.objects.select_related("publication", "decided_by").prefetch_related("people")
        user = self.request.user
        if roles.is_editor(user):
            return queryset
        return queryset.filter(people=roles.own_person_id(user)).distinct()

    def decided(self, request, decide):
        suggestion = self.get_object()
        try:
            decide(suggestion, request.user)
        except Refused as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except ImportFailed as error:
            problems = [{"place": place, "message": message} for place, message in error.problems]
            return Response({"detail": "Nothing was stored.", "problems": problems}, status=400)
        return Response(self.get_serializer(self.get_queryset().get(pk=suggestion.pk)).data)

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept it: a new paper is created (a draft when a member accepts), a preprint merged with its
        published version, a record bettered (a member's change to a published paper waits for review)."""
        return self.decided(request, accept)

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject it: it is kept, and never suggested again."""
        return self.decided(request, reject)

    @extend_schema(
        operation_id="suggestions_accept_many",
        request=ManyIdsSerializer,
        responses={200: AcceptedManySerializer},
    )
    @action(detail=False, methods=["post"], url_path="accept")
    def accept_many(self, request):
        """Accept several at once; each one that could not be accepted is named in `problems`."""
        given = ManyIdsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        suggestions = list(self.get_queryset().filter(pk__in=given.validated_data["ids"]).order_by("pk"))
        missing = set(given.validated_data["ids"]) - {s.pk for s in suggestions}
        done, problems = accept_many(suggestions, request.user)
        problems += [f"no suggestion {pk} of yours" for pk in sorted(missing)]
        accepted = self.get_queryset().filter(
            pk__in=[s.pk for s in suggestions], state=SuggestionState.ACCEPTED
        )
        return Response({"accepted": self.get_serializer(accepted, many=True).data, "problems": problems})


router.register("suggestions", SuggestionViewSet, basename="suggestion")
