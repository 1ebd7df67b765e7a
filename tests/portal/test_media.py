"""Uploads served by the site itself (SERVE_MEDIA, on by default): images and PDFs shown, anything
else downloaded, nothing outside MEDIA_ROOT, no listing, long cache lifetimes."""

import pytest

from tests.conftest import png_bytes

pytestmark = pytest.mark.django_db  # the not-found page shows the lab's name


@pytest.fixture
def stored(media_root):
    (media_root / "people").mkdir(parents=True)
    (media_root / "people" / "face.png").write_bytes(png_bytes())
    (media_root / "people" / "page.html").write_text("<script>alert(1)</script>")
    (media_root / "people" / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    )
    (media_root.parent / "secret.txt").write_text("not an upload")
    return media_root


def test_an_image_is_served_as_an_image_with_a_long_cache_lifetime(client, stored):
    response = client.get("/media/people/face.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "max-age=31536000" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == (stored / "people" / "face.png").read_bytes()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg"])
def test_markup_is_downloaded_never_shown(client, stored, name):
    response = client.get(f"/media/people/{name}")
    assert response.status_code == 200
    assert (
        response["Content-Type"] == "application/octet-stream"
        and response["Content-Disposition"] == "attachment"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/media/people/",
        "/media/",
        "/media/../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/people/missing.png",
    ],
)
def test_no_listing_nothing_outside_and_missing_files_are_not_found(client, stored, path):
    climbing = "secret" in path  # refused before anything is read (400) or not found (404)
    assert client.get(path).status_code in ((400, 404) if climbing else (404,))
