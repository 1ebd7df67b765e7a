"""Saving an admin form unchanged never fails: every admin model, one record of each (one with stored
files where the demo has such), as every role that may change it. A record whose photo, teaser, PDF or
figures are already stored is validated as it was uploaded, not opened again."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db.models import FileField, Q
from django.test import RequestFactory

from accounts.roles import ALUMNUS, EDITOR, LAB_ADMIN, MEMBER
from jobs.models import ImportJob
from people.models import Person
from portal.demo.loader import load_demo
from tests.portal.admin_forms import change_form_data, change_url

pytestmark = pytest.mark.django_db

ROLES = {"lab admin": LAB_ADMIN, "editor": EDITOR, "member": MEMBER, "alumnus": ALUMNUS}


def with_files_first(queryset):
    """The records whose own file fields hold a stored file, then the rest."""
    fields = [f.name for f in queryset.model._meta.concrete_fields if isinstance(f, FileField)]
    if not fields:
        return list(queryset.order_by("pk")[:1])
    has_file = Q()
    for name in fields:
        has_file |= ~Q(**{name: ""})
    return list(queryset.filter(has_file).order_by("pk")[:1]) + list(queryset.order_by("pk")[:1])


def with_figures_first(model_admin, queryset):
    """For a record edited with inlines that hold files (an achievement's figures), one that has some."""
    for inline in model_admin.inlines:
        related = inline.model
        files = [f.name for f in related._meta.concrete_fields if isinstance(f, FileField)]
        link = next((f for f in related._meta.concrete_fields if f.related_model is queryset.model), None)
        if files and link is not None:
            having = related.objects.exclude(**{files[0]: ""}).values_list(link.attname, flat=True)
            return list(queryset.filter(pk__in=having).order_by("pk")[:1])
    return []


def user_of(role: str, person: Person) -> User:
    name = f"{role.replace(' ', '-')}-resave"
    user = User.objects.create_user(name, password="a-pass-12345", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLES[role]))
    Person.objects.filter(pk=person.pk).update(user=user)
    return user


def test_every_admin_form_saves_unchanged_as_every_role(client, commit):
    with commit():
        load_demo()
        ImportJob.objects.create(source="@misc{a, title={A}, year=2024}", format="bibtex")
    member = Person.objects.filter(authorships__publication__teaser__gt="").exclude(photo="").first()
    alumnus = Person.objects.exclude(pk=member.pk).exclude(photo="").first()
    assert member is not None and alumnus is not None, "the demo needs people with photos and teasers"
    saved, failures = [], []
    for role in ROLES:
        user = user_of(role, alumnus if role == "alumnus" else member)
        request = RequestFactory().get("/admin/")
        request.user = user
        client.force_login(user)
        for model, model_admin in admin.site._registry.items():
            queryset = model_admin.get_queryset(request)
            candidates = with_figures_first(model_admin, queryset) + with_files_first(queryset)
            obj = next((o for o in candidates if model_admin.has_change_permission(request, o)), None)
            if obj is None:
                continue
            page = client.get(change_url(obj))
            if page.status_code != 200 or not page.context["has_change_permission"]:
                continue
            data = change_form_data(page)
            data["_save"] = "Save"
            response = client.post(change_url(obj), data)
            label = f"{role}: {model._meta.label} #{obj.pk}"
            if response.status_code != 302:
                errors = response.context and response.context.get("errors")
                failures.append(f"{label} answered {response.status_code} {list(errors or [])}")
            saved.append(label)
        client.logout()
    assert failures == []
    labels = "\n".join(saved)
    for expected in ("lab admin: publications.Publication", "editor: achievements.Achievement",
                     "member: people.Person", "member: publications.Publication", "alumnus: people.Person",
                     "lab admin: portal.Lab", "editor: news.NewsItem"):  # fmt: skip
        assert expected in labels
