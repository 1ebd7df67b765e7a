"""As a member, the admin offers nothing the member may not do: every page a member can reach opens,
and every action offered there is tried and goes through; their home lists their own work."""

import pytest
from django.urls import reverse

from accounts.models import PendingChange
from news.models import NewsItem
from tests.accounts.test_review_history import form_as
from tests.portal.admin_forms import change_url
from tests.publications.factories import AuthorshipFactory, PublicationFactory

pytestmark = pytest.mark.django_db
REFUSED = ("permission", "not allowed", "may not", "refused", "没有权限")


def refused(page) -> bool:
    text = page.content.decode().lower() if hasattr(page, "content") else ""
    return page.status_code in (403, 404, 405, 500) or any(word in text for word in REFUSED)


def test_every_admin_page_a_member_reaches_offers_only_what_they_may_do(client, lab):
    member = lab["member"]
    draft = PublicationFactory(title_en="My draft", slug="my-draft", is_published=False, created_by=member)
    AuthorshipFactory(publication=draft, person=lab["me"], position=1, name="Zongwu Wang")
    NewsItem.objects.create(
        date="2026-01-05", slug="mine", body_en="Our news.", created_by=member, is_published=False
    )
    data = form_as(client, member, lab["paper"])
    data["title_en"] = "Proposed title"
    client.post(change_url(lab["paper"]), data)

    index = client.get(reverse("admin:index"))
    models = [model for app in index.context["app_list"] for model in app["models"]]
    assert {model["object_name"] for model in models} >= {
        "Publication",
        "NewsItem",
        "Person",
        "PendingChange",
    }
    tried = []
    for model in models:
        listing = client.get(model["admin_url"])
        assert not refused(listing), model["admin_url"]
        if model.get("add_url"):
            assert not refused(client.get(model["add_url"])), model["add_url"]
        objects = list(listing.context["cl"].result_list)
        for obj in objects:
            page = client.get(change_url(obj))
            assert page.status_code == 200, change_url(obj)
            if page.context.get("has_delete_permission"):
                delete = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
                assert not refused(client.get(delete)), delete
        form = listing.context.get("action_form")
        for action, _label in form.fields["action"].choices if form else []:
            if not action or not objects:
                continue
            done = client.post(
                model["admin_url"],
                {"action": action, "_selected_action": [obj.pk for obj in objects]},
                follow=True,
            )
            assert not refused(done), f"{model['admin_url']} {action}"
            tried.append(action)
    assert "delete_selected" not in tried and any(action.startswith("export_") for action in tried)
    assert PendingChange.objects.waiting().count() == 1, "the walk changed nothing it should not"


def test_a_members_home_lists_their_work_with_counts(client, lab):
    client.force_login(lab["member"])
    home = client.get(reverse("admin:index"))
    work = {str(label): (address, count) for label, address, count in home.context["my_work"]}
    assert work["My profile"] == (change_url(lab["me"]), None)
    assert (
        work["My papers"][1] == 1
        and work["My news"][1] == 0
        and work["My changes waiting for review"][1] == 0
    )
    page = home.content.decode()
    assert "Your work" in page and change_url(lab["me"]) in page
    client.force_login(lab["editor"])
    assert "my_work" not in client.get(reverse("admin:index")).context


def test_a_members_profile_form_speaks_plainly(client, lab):
    client.force_login(lab["member"])
    page = client.get(change_url(lab["me"]), HTTP_ACCEPT_LANGUAGE="en")
    form = page.context["adminform"].form
    assert (
        form.fields["name_zh_hans"].label == "Name (简体中文)"
        and form.fields["bio_en"].label == "Biography (Markdown) (English)"
    )
    shown = {inline.opts.__class__.__name__ for inline in page.context["inline_admin_formsets"]}
    assert "MembershipInline" not in shown and "HonorInline" not in shown, (
        "no empty tables of rows editors keep"
    )
    assert "AliasInline" in shown, "their name variants, which they edit"


def test_the_chinese_login_page_is_all_chinese(client):
    page = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Forgotten your login credentials?" not in page


def test_the_review_list_names_kinds_as_people_do(client, lab):
    data = form_as(client, lab["member"], lab["paper"])
    data["title_en"] = "Proposed title"
    client.post(change_url(lab["paper"]), data)
    client.force_login(lab["editor"])
    listing = client.get(reverse("admin:accounts_pendingchange_changelist"))
    kinds = next(
        spec for spec in listing.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "kind"
    )
    labels = ["Courses", "Projects", "Software", "Talks", "News", "Publications"]
    assert [str(label) for _value, label in kinds.lookup_choices] == labels
    page = listing.content.decode()
    assert "Publications | publication" not in page and '<td class="field-kind">publication</td>' in page
