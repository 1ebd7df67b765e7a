"""API policy DRF's settings name (kept apart from portal.api, which imports DRF's views)."""

import json

from django.db import IntegrityError
from rest_framework import parsers, permissions, status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response


class IsStaffOrReadOnly(permissions.BasePermission):
    """Everyone reads; only staff write."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


def exception_handler(exc, context):
    """DRF's handler, and a database constraint a check missed answered as 409, not 500."""
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "This change conflicts with a record that already exists."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing text that is not Unicode (lone surrogates such as "\\udad5", valid
    JSON escapes that no database column can store)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            raise ParseError("JSON parse error - strings must be valid Unicode text.") from error
        return data
