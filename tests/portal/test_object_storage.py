"""Uploads on object storage (MEDIA_STORAGE=s3, django-storages) against a local S3-compatible server
(moto's server mode) started by the tests: admin uploads, their image variants, a site import's
stored input and the files it brings all go to the bucket, and nothing is written to local disk."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devtools.scratch import free_port, wait_for_port
from jobs.models import ImportJob, JobState
from people.models import Person
from publications.models import Publication
from tests.conftest import png_bytes
from tests.siteimport.test_real_sites import SITES, zipped

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "lab-media"
KEYS = {"S3_ACCESS_KEY_ID": "portal-test", "S3_SECRET_ACCESS_KEY": "portal-test-secret"}


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    import boto3

    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    try:
        wait_for_port(port, server)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"], aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"],
        )  # fmt: skip
        client.create_bucket(Bucket=BUCKET)
        # as a lab's IT would set it: visitors read the uploads directly, nobody lists or writes
        read = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
        client.put_bucket_policy(
            Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [read]})
        )
        yield endpoint, client
    finally:
        server.terminate()
        server.wait(timeout=20)


def bucket_keys(client):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="lab/")
    return {item["Key"].removeprefix("lab/") for page in pages for item in page.get("Contents", [])}


def local_files(folder: Path):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


@pytest.fixture
def on_s3(s3_server, settings, tmp_path):
    """The settings MEDIA_STORAGE=s3 makes (checked against the settings module below), a bucket
    folder emptied for each test, and a MEDIA_ROOT that must stay empty."""
    endpoint, client = s3_server
    for key in bucket_keys(client):
        client.delete_object(Bucket=BUCKET, Key=f"lab/{key}")
    settings.MEDIA_ROOT = tmp_path / "local-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": storage_options(endpoint)},
    }
    yield client
    assert local_files(settings.MEDIA_ROOT) == [], "nothing is written to local disk"


def storage_options(endpoint):
    env = {**os.environ, **s3_environment(endpoint), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    code = "import django, json; django.setup(); from django.conf import settings; " \
           "print(json.dumps(settings.STORAGES['default']))"  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    configured = json.loads(done.stdout.strip().splitlines()[-1])
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage", done.stderr
    return configured["OPTIONS"]


def s3_environment(endpoint):
    return {
        "MEDIA_STORAGE": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": endpoint, "S3_REGION": "us-east-1",
        "S3_PREFIX": "lab", "S3_URL_PROTOCOL": "http:", **KEYS,
    }  # fmt: skip


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_the_settings_keep_uploads_in_the_bucket_and_leave_serving_them_to_it():
    env = {**os.environ, **s3_environment("http://127.0.0.1:9"), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.location, settings.SERVE_MEDIA)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["S3Storage", BUCKET, "lab", "False"], done.stderr


@pytest.mark.django_db
def test_an_admin_upload_and_its_variants_go_to_the_bucket_and_pages_link_there(
    on_s3, staff_client, client, commit
):
    with commit():
        response = staff_client.post(
            reverse("admin:people_person_add"),
            {
                "name_en": "Ada Lovelace", "slug": "ada-lovelace", "role": "phd", "is_published": "on",
                "display_order": "100",
                "photo": SimpleUploadedFile("ada.png", png_bytes(300, 400), content_type="image/png"),
                **empty_inlines(staff_client),
            },
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(slug="ada-lovelace")
    keys = bucket_keys(on_s3)
    assert person.photo.name in keys
    assert {person.photo_card.name, person.photo_profile.name} <= keys

    page = client.get(person.get_absolute_url()).content.decode()
    url = person.photo_profile.url
    assert url.startswith(f"{default_storage.endpoint_url}/{BUCKET}/lab/variants/") and f'src="{url}"' in page
    status, headers, body = fetch(url)
    assert status == 200 and body[:4] == b"RIFF" and "immutable" in headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.usefixtures("tasks_in_process")
def test_a_site_import_keeps_its_input_and_what_it_brings_in_the_bucket(
    on_s3, staff_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("site.zip", zipped(SITES / "al-folio-liaudat"), "application/zip")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(reverse("admin:jobs_importjob_site"), {"archive": upload})
    job = ImportJob.objects.get()
    assert job.source_file.name in bucket_keys(on_s3), "the uploaded archive waits in the bucket"
    callbacks[0]()  # the worker's check
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the worker's import, and what its commit runs (the variants)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and not job.source_file
    keys = bucket_keys(on_s3)
    paper = Publication.objects.get(arxiv_id="2510.27663")
    assert {paper.teaser.name, paper.teaser_thumbnail.name, paper.teaser_large.name} <= keys
    assert not any(key.startswith("imports/") for key in keys), "the archive is deleted once imported"


def empty_inlines(client):
    """The management forms of the person form's inlines, with no rows."""
    from tests.portal.admin_forms import change_form_data

    data = change_form_data(client.get(reverse("admin:people_person_add")))
    return {key: value for key, value in data.items() if "-TOTAL_FORMS" in key or "-INITIAL_FORMS" in key}
