"""Validators and normalisers for the identifiers lab members paste into the admin."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV_NEW_RE = re.compile(r"^\d{4}\.\d{4,5}(v\d+)?$")
ARXIV_OLD_RE = re.compile(r"^[a-z][a-z\-]*(\.[A-Z]{2})?/\d{7}(v\d+)?$")


def normalise_orcid(value: str) -> str:
    """'https://orcid.org/0000-0002-6494-4786' or '0000000264944786' -> '0000-0002-6494-4786'."""
    value = (value or "").strip()
    value = re.sub(r"^(https?://)?(www\.)?orcid\.org/", "", value, flags=re.I)
    digits = value.replace("-", "").upper()
    if len(digits) == 16:
        return "-".join(digits[i : i + 4] for i in range(0, 16, 4))
    return value


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, the check digit ORCID uses."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def validate_orcid(value: str) -> None:
    orcid = normalise_orcid(value)
    if not ORCID_RE.match(orcid):
        raise ValidationError(
            _("“%(value)s” is not an ORCID iD (expected 0000-0000-0000-0000)."),
            code="invalid_orcid",
            params={"value": value},
        )
    if not orcid_checksum_ok(orcid):
        raise ValidationError(
            _("“%(value)s” fails the ORCID checksum: check for a mistyped digit."),
            code="orcid_checksum",
            params={"value": value},
        )


def normalise_doi(value: str) -> str:
    """Strip resolver prefixes and lower-case: DOIs are case-insensitive, so one spelling is stored."""
    value = (value or "").strip()
    value = re.sub(r"^(https?://)?(dx\.)?doi\.org/", "", value, flags=re.I)
    value = re.sub(r"^doi:\s*", "", value, flags=re.I)
    return value.lower()


def validate_doi(value: str) -> None:
    if not DOI_RE.match(normalise_doi(value)):
        raise ValidationError(
            _("“%(value)s” is not a DOI (expected 10.NNNN/suffix)."),
            code="invalid_doi",
            params={"value": value},
        )


def normalise_arxiv_id(value: str) -> str:
    value = (value or "").strip()
    value = re.sub(r"^(https?://)?(www\.)?arxiv\.org/(abs|pdf)/", "", value, flags=re.I)
    value = re.sub(r"^arxiv:", "", value, flags=re.I)
    return value.removesuffix(".pdf")


def validate_arxiv_id(value: str) -> None:
    arxiv_id = normalise_arxiv_id(value)
    if not (ARXIV_NEW_RE.match(arxiv_id) or ARXIV_OLD_RE.match(arxiv_id)):
        raise ValidationError(
            _("“%(value)s” is not an arXiv identifier (expected 2504.03661 or cs/0501001)."),
            code="invalid_arxiv",
            params={"value": value},
        )


def already_stored(file) -> bool:
    """A file the record already keeps (a form saved again with its photo, teaser, PDF or figure left as
    it was): it was checked when it was uploaded, and its storage may no longer have it open."""
    return getattr(file, "_committed", False)


def validate_image_upload(file) -> None:
    """Refuse files that are too large, not an image Pillow can decode, or too many pixels."""
    from PIL import Image, UnidentifiedImageError

    if already_stored(file):
        return
    if file.size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)d MB; the limit is %(limit)d MB."),
            code="image_too_large",
            params={"size": file.size // 2**20, "limit": settings.MAX_IMAGE_BYTES // 2**20},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is %(w)d×%(h)d pixels, more than allowed."),
                    code="image_too_many_pixels",
                    params={"w": width, "h": height},
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The file is not an image that can be read."), code="invalid_image"
        ) from error
    finally:
        file.seek(position)


def validate_pdf_upload(file) -> None:
    if already_stored(file):
        return
    if file.size > settings.MAX_PDF_BYTES:
        raise ValidationError(_("The PDF is larger than allowed."), code="pdf_too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(5)
    file.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("The file is not a PDF."), code="invalid_pdf")


MAX_LINKS = 20


def validate_web_addresses(value) -> None:
    """A list of up to 20 http(s) addresses (a person's pages elsewhere), each checked as a URL."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("A list of web addresses."), code="invalid_links")
    if len(value) > MAX_LINKS:
        raise ValidationError(
            _("At most %(count)d addresses."), code="too_many_links", params={"count": MAX_LINKS}
        )
    check = URLValidator(schemes=["http", "https"])
    for address in value:
        try:
            check(address)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a web address (https://…)."),
                code="invalid_link",
                params={"value": address},
            ) from None


class WebAddressesField(forms.Field):
    """The admin's box for a list of addresses: one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):  # what a JSONField hands its form field
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in str(value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)
