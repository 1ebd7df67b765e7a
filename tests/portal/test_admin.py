import pytest
from django.contrib import admin
from django.urls import reverse

from jobs.models import ImportJob
from portal.demo.loader import load_demo
from tests.portal.admin_forms import change_url

pytestmark = pytest.mark.django_db

MODEL_ADMINS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"portal", "people", "publications", "achievements", "news", "jobs"}
)
LANGUAGES = [("en", "Lab portal administration"), ("zh-hans", "实验室门户管理")]


def test_every_content_model_has_an_admin():
    assert {name for _app, name in MODEL_ADMINS} >= {
        "lab", "person", "researcharea", "venue", "publication", "collection", "achievement", "membership",
        "honor", "newsitem",
    }  # fmt: skip


@pytest.mark.parametrize("app_label, model_name", MODEL_ADMINS)
@pytest.mark.parametrize("language, header", LANGUAGES)
def test_changelist_and_forms_load_for_staff(staff_client, app_label, model_name, language, header):
    load_demo()
    model = next(
        m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )
    headers = {"HTTP_ACCEPT_LANGUAGE": language}

    changelist = staff_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), **headers)
    assert changelist.status_code == 200
    assert f'lang="{language}"' in changelist.content.decode()
    assert header in changelist.content.decode()

    if admin.site._registry[model].has_add_permission(changelist.wsgi_request):
        add = staff_client.get(reverse(f"admin:{app_label}_{model_name}_add"), **headers)
        assert add.status_code == 200

    if model_name == "importjob":  # jobs are made by imports, not by the demo
        ImportJob.objects.create(source="@misc{a, title={A}, year=2024}", format="bibtex")
    obj = model.objects.order_by("pk").last()
    assert obj is not None, f"the demo data has no {model_name}"
    change = staff_client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]), **headers)
    assert change.status_code == 200
    assert header in change.content.decode()


def test_changelist_search_and_filters_work(staff_client):
    load_demo()
    url = reverse("admin:publications_publication_changelist")
    by_author = staff_client.get(url, {"q": "Houshu He"})
    assert "GSArch" in by_author.content.decode()
    filtered = staff_client.get(url, {"award": "best_paper", "year": "2024"})
    content = filtered.content.decode()
    assert "FusionArch" in content and "PRADA" not in content
    drafts = staff_client.get(url, {"is_published__exact": "0"})
    assert "An Unpublished Draft" in drafts.content.decode()


def test_publication_form_shows_both_languages_and_ordered_authors(staff_client):
    load_demo()
    from publications.models import Publication

    publication = Publication.objects.get(slug__startswith="gsarch")
    content = staff_client.get(change_url(publication)).content.decode()
    assert 'name="title_en"' in content and 'name="title_zh_hans"' in content
    assert content.index('value="Houshu He"') < content.index('value="Zhuoran Song"')
    assert "data-autocomplete-light" in content or "admin-autocomplete" in content
    assert "View on site" in content


def test_bulk_unpublish_and_publish(staff_client):
    load_demo()
    from publications.models import Publication

    ids = list(Publication.objects.filter(year=2025).values_list("pk", flat=True))
    url = reverse("admin:publications_publication_changelist")
    staff_client.post(url, {"action": "unpublish", "_selected_action": ids})
    assert not Publication.objects.filter(pk__in=ids, is_published=True).exists()
    staff_client.post(url, {"action": "publish", "_selected_action": ids})
    assert Publication.objects.filter(pk__in=ids, is_published=True).count() == len(ids)


def test_achievement_figure_preview_is_shown(staff_client):
    load_demo()
    from achievements.models import Achievement

    achievement = Achievement.objects.get(slug="million")
    content = staff_client.get(change_url(achievement)).content.decode()
    assert 'class="admin-preview"' in content


@pytest.mark.parametrize("app_label, model_name", MODEL_ADMINS)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, app_label, model_name):
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_logged_in_non_staff_cannot_use_the_admin(member_client):
    response = member_client.get(reverse("admin:publications_publication_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_admin_offers_a_language_switch(staff_client):
    content = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="language" value="zh-hans"' in content


def test_a_stint_ended_in_the_admin_makes_its_person_an_alumnus(staff_client):
    from people.models import Membership, Person
    from tests.people.factories import MembershipFactory
    from tests.portal.admin_forms import change_form_data

    stint = MembershipFactory(role="master")
    stint.person.update_from_memberships()
    page = staff_client.get(change_url(stint.person))
    assert "Role and dates derive from the memberships below." in page.content.decode()
    assert "role" not in page.context["adminform"].form.fields  # read-only: the stints decide
    form = staff_client.get(change_url(stint))
    data = change_form_data(form) | {
        "end_on": "2024-06-30",
        "degree": "master",
        "destination_en": "A company",
    }
    response = staff_client.post(change_url(stint), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get(pk=stint.person_id)
    assert person.is_alumnus and person.left_on.isoformat() == "2024-06-30"
    assert Membership.objects.get(pk=stint.pk).destination_en == "A company"


def test_the_admin_names_a_papers_standing_apart_from_its_visibility_and_awards_by_name(staff_client):
    from publications.models import Award
    from tests.publications.factories import PublicationFactory

    awarded, plain = PublicationFactory(title_en="Awarded paper"), PublicationFactory(title_en="Plain paper")
    Award.objects.create(publication=awarded, kind="best_paper")
    listing = staff_client.get("/admin/publications/publication/").content.decode()
    assert "Best Paper Award" in listing and "best_paper</a>" not in listing
    filtered = staff_client.get("/admin/publications/publication/", {"award": "best_paper"}).content.decode()
    assert "Awarded paper" in filtered and "Plain paper" not in filtered
    form = staff_client.get(f"/admin/publications/publication/{plain.pk}/change/").content.decode()
    assert "Publication status" in form and "Visible on the site" in form
