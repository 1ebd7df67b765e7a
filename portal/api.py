"""What every endpoint of /api/v1/ shares: bilingual fields, permissions, pagination, conditional reads.

The viewsets themselves live in each app's api.py; `router` gathers them.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import pagination, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from portal.visibility import audience as audience_of

from .cache import content_version_row

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string"} for code in LANGUAGES},
        "additionalProperties": False,
        "example": {"en": "Zhuoran Song", "zh-hans": "宋卓然"},
    }
)
class TranslatedField(serializers.Field):
    """A translated model field in every language at once: {"en": "…", "zh-hans": "…"}.

    On write, languages left out keep their value; an empty string clears one.
    """

    def __init__(self, field_name: str, **kwargs):
        self.field_name_base = field_name
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def names(self):
        return {code: build_localized_fieldname(self.field_name_base, code) for code in LANGUAGES}

    def to_representation(self, instance):
        return {code: getattr(instance, name) or "" for code, name in self.names().items()}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(f"Expected an object with keys {', '.join(LANGUAGES)}.")
        unknown = sorted(set(data) - set(LANGUAGES))
        if unknown:
            raise serializers.ValidationError(f"Unknown language(s): {', '.join(unknown)}.")
        model_field = self.parent.Meta.model._meta.get_field(self.names()[LANGUAGES[0]])
        values = {}
        for code, value in data.items():
            if not isinstance(value, str):
                raise serializers.ValidationError({code: "Expected a string."})
            if model_field.max_length and len(value) > model_field.max_length:
                raise serializers.ValidationError(
                    {code: f"Ensure this field has no more than {model_field.max_length} characters."}
                )
            values[self.names()[code]] = value
        return values


def unique_normalised(serializer, field: str, value: str, normalise, message: str) -> str:
    """An identifier as the admin stores it (normalised, blank for none), refused when another record
    of the serializer's model already has it: the check the admin form runs, with a field message."""
    if not value:
        return ""
    value = normalise(value)
    taken = serializer.Meta.model.objects.filter(**{field: value})
    if serializer.instance:
        taken = taken.exclude(pk=serializer.instance.pk)
    if taken.exists():
        raise serializers.ValidationError(message, code="unique")
    return value


def require_some_language(attrs, instance, field: str) -> None:
    """The API's twin of the admin's rule: a translated field filled in at least one language."""
    names = [build_localized_fieldname(field, code) for code in LANGUAGES]
    values = [attrs.get(name, getattr(instance, name, "") if instance else "") for name in names]
    if not any((value or "").strip() for value in values):
        raise serializers.ValidationError({field: "Fill this in at least one language."})


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 50 by default; `page_size` from 1 to 200, anything else refused with a 400."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise serializers.ValidationError(
                {self.page_size_query_param: [f"Enter a whole number from 1 to {self.max_page_size}."]}
            )
        return size

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) == "":
            raise NotFound("Invalid page.")
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


class LookupMixin:
    """Any path segment reaches the viewset (an answer in JSON), and one PostgreSQL cannot hold is
    simply not found."""

    lookup_value_regex = "[^/]+"

    def get_object(self):
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if "\x00" in value:
            raise Http404
        if self.lookup_field == "pk" and not (value.isascii() and value.isdigit() and 0 < int(value) < 2**63):
            raise Http404  # not an id any database could hold
        return super().get_object()


class NotModified(Exception):
    """The client's copy is current: answered with an empty 304."""


class ConditionalReadMixin(LookupMixin):
    """ETag and Last-Modified from the content version; 304 for a client that has this version.

    The ETag covers the address, the representation chosen and whether drafts are visible, so a
    staff member's answer never validates a visitor's copy (and the reverse).
    """

    def representation_tag(self, request) -> str:
        version, changed_at = content_version_row(request._request)
        renderer = getattr(request, "accepted_media_type", "") or ""
        audience = audience_of(request.user)
        basis = f"{version}|{changed_at}|{request.get_full_path()}|{renderer}|{audience}"
        request._api_last_modified = changed_at
        return hashlib.blake2b(basis.encode(), digest_size=12).hexdigest()

    def not_modified(self, request) -> None:
        etag = quote_etag(self.representation_tag(request))
        request._api_etag = etag
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            # A record's tag adds its version ("<tag>-r<version>"), which the content version implies.
            matches = {
                tag.strip().removeprefix("W/").split("-r")[0].strip('"') for tag in if_none_match.split(",")
            }
            if etag.strip('"') in matches or "*" in matches:
                self.conditional_response()
            return
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        changed = request._api_last_modified
        if since is not None and changed is not None and int(changed.timestamp()) <= since:
            self.conditional_response()

    def conditional_response(self):
        raise NotModified

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and self.action in ("list", "retrieve"):
            self.not_modified(request)

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED)
        response = super().handle_exception(exc)
        # Errors are JSON whatever representation was asked for (BibTeX, CSL-JSON).
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            etag = getattr(request, "_api_etag", None)
            if etag:
                # a record read with its version (accounts.versions): the tag a write's If-Match names
                record = getattr(request, "_record_version", "")
                response["ETag"] = f'{etag[:-1]}-r{record}"' if record else etag
            changed = getattr(request, "_api_last_modified", None)
            if changed is not None:
                response["Last-Modified"] = http_date(changed.timestamp())
            if request.user.is_authenticated:
                response["Cache-Control"] = "private, no-cache"
            else:
                response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
            response["Vary"] = "Accept, Authorization, Cookie"
        return response


CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False),
    OpenApiParameter("If-Modified-Since", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False),
]

router = DefaultRouter()


ERROR = {"$ref": "#/components/schemas/Error"}
BIBTEX_TYPE = "application/x-bibtex"
CSL_TYPE = "application/vnd.citationstyles.csl+json"


PENDING = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "pending_change": {"type": "integer"}},
    "required": ["detail", "pending_change"],
}


def document_common_responses(result, generator, request, public):
    """drf-spectacular post-processing: the answers every operation can give, documented once.

    Errors are JSON objects (`detail`, or field names with lists of messages); reads can answer 304
    to a conditional request; every operation can be throttled (429) or refused a representation (406).
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "`detail` for the request as a whole, or field names mapped to lists of messages.",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    }
    error = {"content": {"application/json": {"schema": ERROR}}}
    for path, operations in result.get("paths", {}).items():
        staff_only = path.startswith("/api/v1/imports/")
        for method, operation in operations.items():
            if method in ("get", "head") and not staff_only and {} not in operation.get("security", []):
                operation.setdefault("security", []).append({})  # reads need no credentials
            responses = operation.setdefault("responses", {})
            codes = {
                "404": "No such record or page, or an unknown ?format=",
                "406": "No representation the client accepts",
                "414": "The address is too long for the server",
                "429": "Too many requests; see Retry-After",
            }
            if staff_only:
                codes |= {
                    "401": "Not authenticated",
                    "403": "Only editors, and members into their own list, import",
                }
            if method == "get":
                responses.setdefault("304", {"description": "Not modified since the client's copy"})
                codes["400"] = "A query parameter is wrong"
            else:
                codes.update(
                    {"400": "Invalid data", "401": "Not authenticated",
                     "403": "The account's role may not change this record",
                     "409": "Conflicts with an existing record"}
                )  # fmt: skip
                reviewed = path.startswith(("/api/v1/publications/{", "/api/v1/news/{"))
                if reviewed and method in ("put", "patch"):
                    responses.setdefault("202", {
                        "description": "A member's change to a published record: kept for an editor's review",
                        "content": {"application/json": {"schema": PENDING}},
                    })  # fmt: skip

            for code, description in codes.items():
                responses.setdefault(code, {"description": description, **error})
            for response in responses.values():
                content = response.get("content", {})
                if BIBTEX_TYPE in content:
                    content[BIBTEX_TYPE] = {"schema": {"type": "string"}}
                if CSL_TYPE in content:
                    content[CSL_TYPE] = {"schema": {"type": "array", "items": {"type": "object"}}}
    for schema in schemas.values():
        for name, field in schema.get("properties", {}).items():
            branches = field.get("oneOf", [])
            if any(branch.get("format") == "uri" for branch in branches):
                # A link that may be left empty: "an http(s) URL or empty" in words, since schema
                # generators and fuzzers read oneOf[uri, ""] as "must be a URL".
                length = max(branch.get("maxLength", 0) for branch in branches)
                schema["properties"][name] = {
                    key: value for key, value in field.items() if key not in ("oneOf",)
                } | {"type": "string", "maxLength": length, "description": "An http(s) URL, or empty."}
    return result


def strict(field_class, accepted: tuple):
    """A DRF field that takes only the JSON types the schema states (DRF would coerce "1" to 1 or true)."""

    class Strict(field_class):
        def to_internal_value(self, data):
            if not isinstance(data, accepted) or (isinstance(data, bool) and bool not in accepted):
                self.fail("invalid")
            return super().to_internal_value(data)

    Strict.__name__ = Strict.__qualname__ = field_class.__name__
    return Strict


StrictCharField = strict(serializers.CharField, (str,))


class StrictManyRelatedField(serializers.ManyRelatedField):
    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictSlugRelatedField(strict(serializers.SlugRelatedField, (str,))):
    """A related record by slug: a non-empty string (or a list of them), nothing DRF would coerce."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)

    @classmethod
    def many_init(cls, *args, **kwargs):
        # As DRF's own many_init, with a list-only parent.
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS})
        return StrictManyRelatedField(**list_kwargs)


class StrictPrimaryKeyRelatedField(strict(serializers.PrimaryKeyRelatedField, (int,))):
    """A related record by id: an integer (or a list of them), nothing DRF would coerce."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "invalid": "Incorrect type. Expected an integer id.",
    }

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS})
        return StrictManyRelatedField(**list_kwargs)


StrictIntegerField = strict(serializers.IntegerField, (int,))
StrictBooleanField = strict(serializers.BooleanField, (bool,))


# A ModelSerializer whose generated fields refuse values of the wrong JSON type. (A comment, not a
# docstring: drf-spectacular would print a docstring as every component's description.)
class StrictModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **{
            model_field: strict(field, (str,))
            for model_field, field in serializers.ModelSerializer.serializer_field_mapping.items()
            if issubclass(field, serializers.CharField)
        },
        **{
            model_field: strict(field, (int,))
            for model_field, field in serializers.ModelSerializer.serializer_field_mapping.items()
            if issubclass(field, serializers.IntegerField)
        },
        **{
            model_field: StrictBooleanField
            for model_field, field in serializers.ModelSerializer.serializer_field_mapping.items()
            if issubclass(field, serializers.BooleanField)
        },
    }

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.URLField) and model_field.blank:
            # Say that empty is fine too: "Enter a valid URL." alone reads as "a URL is required".
            field_kwargs["error_messages"] = {
                "invalid": _("Enter a valid URL, or leave the field empty."),
                **field_kwargs.get("error_messages", {}),
            }
        return field_class, field_kwargs
