"""A record with its rows as one value: what a pending change proposes, what a history entry holds, and
what a restore or an approval writes back.

A snapshot is JSON: {"model": "publications.publication", "pk": 7, "fields": {...},
"rows": {"authorships": [{"pk": 31, "fields": {...}}, …], …}}, made with Django's JSON serializer, so
the same shape comes from a live record (`snapshot_of`) and from a django-reversion revision
(`snapshot_from_version`). `apply_snapshot` writes one back inside a revision, so an approval or a
restore is itself a revision; `diff` lists what differs, field by field, for the review and history pages.
"""

import json

import reversion
from django.apps import apps
from django.core import serializers
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

# The rows that are part of their parent's revision (authors of a paper, stints of a person, …).
FOLLOW = {
    "people.person": ["memberships", "aliases", "honors"],
    "people.membership": ["supervisions"],
    "people.personalias": [],
    "people.supervision": [],
    "people.honor": [],
    "people.researcharea": [],
    "publications.publication": ["authorships", "awards"],
    "publications.authorship": [],
    "publications.award": [],
    "publications.venue": [],
    "publications.collection": ["entries"],
    "publications.collectionentry": [],
    "news.newsitem": [],
    "achievements.achievement": ["links", "figures"],
    "achievements.achievementlink": [],
    "achievements.achievementfigure": [],
    "activities.project": [],
    "activities.software": [],
    "activities.talk": [],
    "activities.course": [],
    "activities.opening": [],
    "portal.lab": [],
    "portal.searchsynonyms": [],
}
# Kept by the database or derived on save: never shown as a difference, never written back.
IGNORED = {"created_at", "updated_at", "created_by", "user"}


def register_history() -> None:
    for label, follow in FOLLOW.items():
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)


def record(obj) -> dict:
    return json.loads(serializers.serialize("json", [obj]))[0]


def relation_model(model, name):
    return model._meta.get_field(name).related_model


def snapshot_of(obj) -> dict:
    snapshot = record(obj)
    snapshot["rows"] = {
        name: [record(row) for row in getattr(obj, name).order_by("pk")]
        for name in FOLLOW.get(obj._meta.label_lower, [])
    }
    return snapshot


def snapshot_from_version(version: Version) -> dict:
    """The record as a django-reversion revision kept it, with the rows of it that revision kept."""
    snapshot = json.loads(version.serialized_data)[0]
    model = version._model
    snapshot["rows"] = {}
    siblings = list(version.revision.version_set.all()) if FOLLOW.get(model._meta.label_lower) else []
    for name in FOLLOW.get(model._meta.label_lower, []):
        field = model._meta.get_field(name)
        related = field.related_model
        rows = []
        for sibling in siblings:
            if sibling.content_type.model_class() is not related:
                continue
            row = json.loads(sibling.serialized_data)[0]
            if str(row["fields"].get(field.field.name)) == str(snapshot["pk"]):
                rows.append(row)
        snapshot["rows"][name] = sorted(rows, key=lambda row: row["pk"])
    return snapshot


def deserialize(data: dict):
    return next(serializers.deserialize("json", json.dumps([data]), ignorenonexistent=True))


def has_dependants(model) -> bool:
    return any(relation.one_to_many or relation.one_to_one for relation in model._meta.related_objects)


def apply_snapshot(snapshot: dict, *, user, comment: str):
    """Write a snapshot back over its record, in one transaction and as one revision: fields and
    many-to-many links, then its rows (rows missing from the snapshot are deleted, rows it adds are
    created anew)."""
    model = apps.get_model(snapshot["model"])
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        current = model._default_manager.select_for_update().get(pk=snapshot["pk"])
        keep = {name: getattr(current, name) for name in IGNORED if hasattr(current, name)}
        incoming = deserialize(snapshot)
        obj = incoming.object
        for name, value in keep.items():
            setattr(obj, name, value)
        obj.save()
        for name, ids in (incoming.m2m_data or {}).items():
            getattr(obj, name).set(ids)
        for name, rows in snapshot.get("rows", {}).items():
            apply_rows(obj, name, rows)
        if hasattr(obj, "update_from_memberships"):
            obj.update_from_memberships()
        reversion.add_to_revision(obj)
    return obj


def apply_rows(obj, name: str, rows: list[dict]) -> None:
    field = type(obj)._meta.get_field(name)
    related, parent_field = field.related_model, field.field.attname
    current = set(getattr(obj, name).values_list("pk", flat=True))
    wanted = {row["pk"] for row in rows if row["pk"] in current}
    in_place = has_dependants(related)
    # Rows nothing points at are written afresh (no unique position can clash half-way); rows others
    # point at (a stint's supervisions) are updated where they are.
    getattr(obj, name).exclude(pk__in=wanted if in_place else []).delete()
    for row in rows:
        item = deserialize(row).object
        setattr(item, parent_field, obj.pk)
        if row["pk"] not in wanted:
            # A row the snapshot adds keeps its id where no row holds it (so a form built on a proposal
            # names the same rows when it comes back); one another row has taken since gets a new id.
            if row["pk"] is None or related._default_manager.filter(pk=row["pk"]).exists():
                item.pk = None
            item._state.adding = True
        item.save()


def display(model, name: str, value) -> str:
    try:
        field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if value in (None, "", [], {}):
        return ""
    if field.many_to_many:
        objects = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(item) for item in objects))
    if field.many_to_one or field.one_to_one:
        item = field.related_model._default_manager.filter(pk=value).first()
        return str(item) if item is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def shown_fields(model, fields: dict):
    """The fields a person reads: not the stamps, the rendered HTML, nor the untranslated twin of a
    translated field (title beside title_en and title_zh_hans)."""
    for name, value in fields.items():
        if name in IGNORED or name.endswith("_html") or f"{name}_en" in fields:
            continue
        yield name, value


def row_line(model, row: dict, parent: str) -> str:
    # in the model's order of fields: a snapshot kept in PostgreSQL (jsonb) comes back with its keys
    # in another order, and the same row must read the same
    order = {field.name: index for index, field in enumerate(model._meta.get_fields())}
    fields = sorted(row["fields"].items(), key=lambda item: order.get(item[0], len(order)))
    shown = [
        f"{label(model, name)}: {display(model, name, value)}"
        for name, value in shown_fields(model, dict(fields))
        if name != parent and value not in (None, "", [], {}, False)
    ]
    return "; ".join(shown)


def diff(old: dict | None, new: dict) -> list[dict]:
    """[{"field": label, "old": text, "new": text}] for every field and row list that differs."""
    model = apps.get_model(new["model"])
    changes = []
    old_fields = (old or {}).get("fields", {})
    for name, value in shown_fields(model, new["fields"]):
        before = display(model, name, old_fields.get(name)) if old else ""
        after = display(model, name, value)
        if before != after:
            changes.append({"field": label(model, name), "old": before, "new": after})
    for name, rows in new.get("rows", {}).items():
        related, parent = relation_model(model, name), model._meta.get_field(name).field.name
        before = [row_line(related, row, parent) for row in (old or {}).get("rows", {}).get(name, [])]
        after = [row_line(related, row, parent) for row in rows]
        if sorted(before) != sorted(after):
            changes.append({"field": label(model, name), "old": "\n".join(before), "new": "\n".join(after)})
    return changes


def versions_of(obj):
    return Version.objects.get_for_object(obj).select_related("revision", "revision__user")


def ensure_baseline(obj, user=None) -> None:
    """Keep the record as it is now as its first history entry, when it has none yet (a record made by
    the demo loader or an import before history was kept), so the first change can be undone."""
    if obj is None or obj.pk is None or not reversion.is_registered(type(obj)):
        return  # a record whose history is not kept (an account, a job) has no baseline to keep
    if Version.objects.get_for_object(obj).exists():
        return
    with reversion.create_revision(manage_manually=True):
        reversion.set_comment(str(_("As it was before its first recorded change.")))
        reversion.add_to_revision(obj)
