"""API policy DRF's settings name (kept apart from portal.api, which imports DRF's views)."""

import json

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404
from rest_framework import negotiation, parsers, status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.response import Response
from rest_framework.utils.json import strict_constant

from . import jsonlimits


def leaf_codes(codes):
    if isinstance(codes, dict):
        for value in codes.values():
            yield from leaf_codes(value)
    elif isinstance(codes, list):
        for value in codes:
            yield from leaf_codes(value)
    else:
        yield codes


def exception_handler(exc, context):
    """DRF's handler, with conflicts answered as 409: data that is valid but names a slug, DOI or ORCID
    another record already has (the field messages say which), and a database constraint a check missed
    (never a 500)."""
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, ValidationError) and set(leaf_codes(exc.get_codes())) == {"unique"}:
        response = drf_exception_handler(exc, context)
        response.status_code = status.HTTP_409_CONFLICT
        return response
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "This change conflicts with a record that already exists."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, (OperationalError, InterfaceError)):  # the database stopped answering
        return Response(
            {"detail": "The database is not answering; nothing was changed. Try again in a minute."},
            status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "60"},
        )  # fmt: skip
    return drf_exception_handler(exc, context)


def strings_in(data):
    """Every key and string value of parsed JSON, however deeply nested."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings_in(item)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing what it would read but nothing can use: arrays and objects nested
    more than 32 deep (Python's parser and every walk over the value recurse per level), and text no
    database column can store although JSON can escape it: lone surrogates such as "\\udad5" and NUL
    characters ("\\u0000"), wherever they are in the body."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
            data = jsonlimits.loads(text, parse_constant=strict_constant if self.strict else None)
        except ValueError as error:  # UnicodeDecodeError, JSONDecodeError and TooDeep are ValueErrors
            raise ParseError(f"JSON parse error - {error}") from error
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            raise ParseError("JSON parse error - strings must be valid Unicode text.") from error
        if any("\x00" in text for text in strings_in(data)):
            raise ParseError("JSON parse error - strings must not contain NUL characters (\\u0000).")
        return data


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """DRF's negotiation, with an empty `?format=` answered like an unknown format (404) rather than
    silently read as no format at all."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if not format_suffix and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise Http404("An empty ?format= names no rendition.")
        return super().select_renderer(request, renderers, format_suffix)
