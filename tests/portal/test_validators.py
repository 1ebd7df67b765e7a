import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.validators import (
    normalise_arxiv_id,
    normalise_doi,
    normalise_orcid,
    validate_arxiv_id,
    validate_doi,
    validate_image_upload,
    validate_orcid,
    validate_pdf_upload,
)
from tests.conftest import png_bytes


@pytest.mark.parametrize(
    "orcid",
    [
        "0000-0002-6494-4786",
        "https://orcid.org/0000-0002-7353-8798",
        "0000000227905884",
        "0000-0002-6357-236X",
    ],
)
def test_valid_orcids_pass(orcid):
    validate_orcid(orcid)


def test_orcid_with_a_mistyped_digit_fails_the_checksum():
    with pytest.raises(ValidationError) as error:
        validate_orcid("0000-0002-6494-4787")
    assert error.value.code == "orcid_checksum"


@pytest.mark.parametrize("orcid", ["0000-0002-6494", "not an orcid", "0000-0002-6494-47866"])
def test_malformed_orcid_is_refused(orcid):
    with pytest.raises(ValidationError) as error:
        validate_orcid(orcid)
    assert error.value.code == "invalid_orcid"


def test_orcid_is_normalised_from_url_and_bare_digits():
    assert normalise_orcid("https://orcid.org/0000-0002-6494-4786") == "0000-0002-6494-4786"
    assert normalise_orcid("000000026494478x") == "0000-0002-6494-478X"


@pytest.mark.parametrize(
    "doi",
    ["10.1145/3620665.3640393", "https://doi.org/10.1109/ISCAS51556.2021.9401155", "doi:10.1145/3342239"],
)
def test_valid_dois_pass(doi):
    validate_doi(doi)


@pytest.mark.parametrize(
    "doi", ["10.1145", "11.1145/abc", "https://ieeexplore.ieee.org/document/10540086", ""]
)
def test_malformed_doi_is_refused(doi):
    with pytest.raises(ValidationError):
        validate_doi(doi)


def test_doi_is_normalised_to_lower_case_without_resolver():
    assert (
        normalise_doi("https://doi.org/10.1109/ISCAS51556.2021.9401155") == "10.1109/iscas51556.2021.9401155"
    )


@pytest.mark.parametrize("arxiv_id", ["2504.03661", "2504.03661v2", "cs/0501001", "arXiv:2203.04570"])
def test_valid_arxiv_ids_pass(arxiv_id):
    validate_arxiv_id(arxiv_id)


@pytest.mark.parametrize("arxiv_id", ["25040.3661", "2504.036", "abs/2504.03661", "hello"])
def test_malformed_arxiv_id_is_refused(arxiv_id):
    with pytest.raises(ValidationError):
        validate_arxiv_id(arxiv_id)


def test_arxiv_id_is_normalised_from_url():
    assert normalise_arxiv_id("https://arxiv.org/abs/2504.03661") == "2504.03661"
    assert normalise_arxiv_id("https://arxiv.org/pdf/2504.03661v1.pdf") == "2504.03661v1"


def test_small_png_is_accepted():
    validate_image_upload(SimpleUploadedFile("a.png", png_bytes(), content_type="image/png"))


def test_text_file_posing_as_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_upload(
            SimpleUploadedFile("a.png", b"<script>alert(1)</script>", content_type="image/png")
        )
    assert error.value.code == "invalid_image"


def test_oversized_image_is_refused(settings):
    settings.MAX_IMAGE_BYTES = 50
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("a.png", png_bytes(64, 64), content_type="image/png"))
    assert error.value.code == "image_too_large"


def test_image_with_too_many_pixels_is_refused(settings):
    settings.MAX_IMAGE_PIXELS = 100
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("a.png", png_bytes(20, 20), content_type="image/png"))
    assert error.value.code == "image_too_many_pixels"


def test_pdf_is_checked_by_signature():
    validate_pdf_upload(SimpleUploadedFile("p.pdf", b"%PDF-1.7\n..."))
    with pytest.raises(ValidationError):
        validate_pdf_upload(SimpleUploadedFile("p.pdf", b"MZ\x90\x00 not a pdf"))
