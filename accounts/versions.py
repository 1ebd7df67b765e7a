"""Two people editing one record never silently overwrite each other (optimistic locking).

A record's version is the time it was last saved (`updated_at`). The admin's form carries the version
it was opened at; the API gives it in the ETag of a record and takes it back in `If-Match`. A save
made from a version that is no longer the current one is refused, saying who saved it since, when,
and what they changed: the admin shows the form again with the person's edits kept, the API answers
412 Precondition Failed. Records without a stamp (venues, areas) are not checked.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, TextField
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException
from reversion.models import Version

from .snapshots import diff, snapshot_from_version, snapshot_of

FORM_FIELD = "_based_on"  # the hidden input of the admin's change form
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def microseconds(stamp: datetime.datetime) -> int:
    """Microseconds since the epoch, exactly (no float on the way)."""
    return (stamp - EPOCH) // datetime.timedelta(microseconds=1)


def version_of(obj) -> str:
    """The record's version as a token (microseconds since the epoch of its last save); "" for none."""
    stamp = getattr(obj, "updated_at", None)
    if obj is None or obj.pk is None or stamp is None:
        return ""
    return str(microseconds(stamp))


def same_version(snapshot: dict, version: str) -> bool:
    """Whether a snapshot of a record was taken at `version` (to the millisecond, as Django's JSON
    keeps times)."""
    stamp = parse_datetime(snapshot["fields"].get("updated_at") or "")
    return stamp is not None and version.isdigit() and microseconds(stamp) // 1000 == int(version) // 1000


def record_etag(obj) -> str:
    version = version_of(obj)
    return f'"r{version}"' if version else ""


def version_in_etag(tag: str) -> str | None:
    """The record version an ETag names: `"r<version>"` (a write's answer) or `"<hash>-r<version>"`
    (a read's). None for a tag that names none."""
    tag = tag.strip().removeprefix("W/").strip('"')
    _before, marker, version = tag.rpartition("r")
    return version if marker and version.isdigit() and (not _before or _before.endswith("-")) else None


def opened_snapshot(obj, version: str) -> dict | None:
    """The record as it was at `version`, from its history (whose entries carry their stamp)."""
    snapshots = (snapshot_from_version(kept) for kept in Version.objects.get_for_object(obj)[:50])
    return next((snapshot for snapshot in snapshots if same_version(snapshot, version)), None)


def plain(value) -> str:
    return str(value or "").replace("\r\n", "\n").strip()


def take_theirs(data, obj, based: dict | None):
    """A copy of a refused form's data in which every text field the person left as it was when they
    opened the form (`based`: the record then), and someone changed since, holds that person's value:
    saving again after looking keeps both changes. Fields both changed keep this person's edit (the
    message names them)."""
    if based is None:
        return data
    merged = data.copy()
    for name, theirs in snapshot_of(obj)["fields"].items():
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        before = based["fields"].get(name)
        text = isinstance(field, CharField | TextField) and not field.choices
        if text and name in data and plain(theirs) != plain(before) and plain(data[name]) == plain(before):
            merged[name] = theirs or ""
    return merged


def changed_since(obj, based: dict | None) -> str:
    """Who saved the record after the person opened it (`based`: the record then, if its history has
    it), when, and which fields they changed: one sentence."""
    latest = Version.objects.get_for_object(obj).select_related("revision__user").first()
    who = (latest.revision.user.get_full_name() or latest.revision.user.get_username()) if (
        latest and latest.revision.user
    ) else _("someone")  # fmt: skip
    when = date_format(localtime(obj.updated_at), "DATETIME_FORMAT")
    fields = [change["field"] for change in diff(based, snapshot_of(obj))] if based else []
    text = _("“%(record)s” was saved by %(who)s at %(when)s, after you opened it.") % {
        "record": obj, "who": who, "when": when,
    }  # fmt: skip
    if fields:
        text += " " + _("They changed: %(fields)s.") % {"fields": ", ".join(fields)}
    return text


class StaleVersion(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale_version"


def check_if_match(request, obj) -> None:
    """Refuse (412) a write whose If-Match names another version of the record than its current one.
    A write without If-Match, or with `*`, is not checked."""
    header = request.headers.get("If-Match")
    current = version_of(obj)
    if not header or not current or header.strip() == "*":
        return
    named = {version_in_etag(tag) for tag in header.split(",")}
    if current not in named:
        raise StaleVersion(
            {
                "detail": changed_since(obj, opened_snapshot(obj, next((v for v in named if v), "")))
                + " "
                + _("Read it again and send your change with its new ETag."),
                "current_etag": record_etag(obj),
            }
        )
