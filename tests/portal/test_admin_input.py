"""Bad input in the admin gets a clear message and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from people.models import Person
from tests.conftest import png_bytes
from tests.people.factories import PersonFactory
from tests.portal.admin_forms import change_form_data, change_url
from tests.publications.factories import AuthorshipFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def publication_with_authors():
    publication = PublicationFactory(title_en="Original Title", keywords=["PIM", "DRAM"])
    for position, name in enumerate(["Ada", "Grace", "Edsger"], start=1):
        AuthorshipFactory(publication=publication, position=position, name=name, person=None)
    return publication


def test_a_valid_edit_is_saved(staff_client):
    publication = publication_with_authors()
    url = change_url(publication)
    data = change_form_data(staff_client.get(url))
    data["title_en"] = "Edited Title"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    publication.refresh_from_db()
    assert publication.title_en == "Edited Title"
    assert publication.keywords == ["PIM", "DRAM"]


def test_keywords_are_edited_as_comma_separated_text(staff_client):
    publication = publication_with_authors()
    url = change_url(publication)
    response = staff_client.get(url)
    assert 'value="PIM, DRAM"' in response.content.decode()
    data = change_form_data(response)
    data["keywords"] = " processing-in-memory ,, KV cache , PIM, PIM "
    assert staff_client.post(url, data).status_code == 302
    publication.refresh_from_db()
    assert publication.keywords == ["processing-in-memory", "KV cache", "PIM"]


def test_duplicate_author_positions_are_refused(staff_client):
    publication = publication_with_authors()
    url = change_url(publication)
    data = change_form_data(staff_client.get(url))
    data["authorships-1-position"] = "1"
    data["title_en"] = "Should Not Be Saved"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the" in response.content.decode()
    publication.refresh_from_db()
    assert publication.title_en == "Original Title"
    assert list(publication.authorships.values_list("position", "name")) == [
        (1, "Ada"),
        (2, "Grace"),
        (3, "Edsger"),
    ]


def test_authors_added_without_a_position_are_numbered_in_order(staff_client):
    publication = publication_with_authors()
    url = change_url(publication)
    data = change_form_data(staff_client.get(url))
    total = int(data["authorships-TOTAL_FORMS"])
    for offset, name in enumerate(["Barbara", "Donald"]):
        data[f"authorships-{total + offset}-name"] = name
        data[f"authorships-{total + offset}-position"] = ""
    data["authorships-TOTAL_FORMS"] = str(total + 2)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert list(publication.authorships.values_list("position", "name")) == [
        (1, "Ada"), (2, "Grace"), (3, "Edsger"), (4, "Barbara"), (5, "Donald"),
    ]  # fmt: skip


def test_bad_doi_is_refused_with_a_message(staff_client):
    publication = publication_with_authors()
    url = change_url(publication)
    data = change_form_data(staff_client.get(url))
    data["doi"] = "ieeexplore 10540086"
    response = staff_client.post(url, data)
    assert "is not a DOI" in response.content.decode()
    publication.refresh_from_db()
    assert publication.doi == ""


def test_bad_orcid_is_refused_with_a_message_in_chinese_too(staff_client):
    person = PersonFactory(orcid="")
    url = change_url(person)
    data = change_form_data(staff_client.get(url))
    data["orcid"] = "0000-0002-6494-4787"
    response = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "未通过 ORCID 校验" in response.content.decode()
    person.refresh_from_db()
    assert person.orcid == ""


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>", content_type="image/png"), "not an image"),
        (SimpleUploadedFile("photo.png", png_bytes(200, 200), content_type="image/png"), "the limit is"),
    ],
)
def test_bad_photo_upload_is_refused(staff_client, settings, upload, message):
    settings.MAX_IMAGE_BYTES = 300
    person = PersonFactory()
    url = change_url(person)
    data = change_form_data(staff_client.get(url))
    data["photo"] = upload
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.get(pk=person.pk).photo


def test_good_photo_is_stored_under_a_generated_name(staff_client):
    person = PersonFactory()
    url = change_url(person)
    data = change_form_data(staff_client.get(url))
    data["photo"] = SimpleUploadedFile("../../etc/My Photo.PNG", png_bytes(), content_type="image/png")
    assert staff_client.post(url, data).status_code == 302
    name = Person.objects.get(pk=person.pk).photo.name
    assert name.startswith("people/") and name.endswith(".png") and "Photo" not in name
