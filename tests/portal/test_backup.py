"""`manage.py backup` and `restore`: the demo lab round-trips into an empty, migrated installation with
every record and file, on the database the suite runs on (PostgreSQL in CI's first pass, SQLite in its
second); a wrong archive or a wrong installation is refused with nothing changed."""

import hashlib
import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from portal import backup
from portal.content import current_content_version
from portal.demo.loader import load_demo
from publications.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)  # the restore replaces whole tables


def every_record():
    """Each model's rows as Django serialises them, foreign keys by natural key (content types and
    permissions are made anew by migrate, with other ids)."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backup.dumped_models()
        if model._meta.label_lower != "portal.contentversion"
    }


def every_file():
    return {
        name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in backup.stored_files()
    }


@pytest.fixture
def demo_backup(tmp_path, settings):
    """The demo lab (with its accounts) backed up, then an empty installation with an empty media folder."""
    settings.DEMO_MODE = True
    # ids already used, as on a site that has lived: restored records must keep theirs, not take the
    # next ones the new database hands out
    get_user_model().objects.create(username="gone").delete()
    load_demo()
    records, files = every_record(), every_file()
    archive = tmp_path / "lab.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    call_command("flush", "--noinput", verbosity=0)  # as after migrate on a new database
    settings.MEDIA_ROOT = tmp_path / "new-media"
    return archive, records, files


def test_the_demo_lab_comes_back_with_every_record_and_file(demo_backup, client):
    archive, records, files = demo_backup
    assert len(files) > 60 and any(name.startswith("variants/") for name in files)
    empty_page = client.get("/en/publications/").content.decode()  # cached while the lab is empty
    assert "DRQ" not in empty_page
    version_before = current_content_version()[0]

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "restored" in out.getvalue()

    assert every_record() == records
    assert every_file() == files
    assert current_content_version()[0] > version_before
    assert "DRQ: Dynamic Region-Based Quantization" in client.get("/en/publications/").content.decode()
    editor = get_user_model().objects.get(username="demo-editor")
    assert editor.check_password("demo-portal-2025") and editor.has_perm("publications.change_publication")


def test_the_archive_says_what_it_holds(demo_backup):
    archive, records, files = demo_backup
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        names = opened.getnames()
    assert manifest["records"]["publications.publication"] == len(records["publications.publication"])
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == files
    assert sorted(names) == sorted(["database.json", "manifest.json", *[f"media/{n}" for n in files]])


def test_an_installation_with_content_is_refused(demo_backup):
    archive, _records, _files = demo_backup
    Publication.objects.create(title_en="Written here", year=2026, kind="conference")
    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(archive))
    assert list(Publication.objects.values_list("title_en", flat=True)) == ["Written here"]
    assert every_file() == {}


def rewritten(archive, path, change):
    """A copy of the archive with `change(name, data)` applied to each member."""
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as copy:
        for member in source.getmembers():
            name, data = change(member.name, source.extractfile(member).read())
            info = tarfile.TarInfo(name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return path


def damaged(name, data):
    return name, (data[:-1] + bytes([data[-1] ^ 1]) if name.endswith(".webp") else data)


def other_migrations(name, data):
    if name != "manifest.json":
        return name, data
    manifest = json.loads(data)
    manifest["migrations"]["publications"].append("9999_from_the_future")
    return name, json.dumps(manifest).encode()


def escaping(name, data):
    return ("../../outside.txt" if name == "database.json" else name), data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (damaged, "is damaged"),
        (other_migrations, "other migrations than this installation's \\(publications\\)"),
        (escaping, "unexpected entry"),
    ],
    ids=["a damaged file", "other migrations", "a path out of the archive"],
)
def test_a_wrong_archive_is_refused_with_nothing_changed(demo_backup, tmp_path, change, message):
    archive, _records, _files = demo_backup
    wrong = rewritten(archive, tmp_path / "wrong.tar.gz", change)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(wrong))
    assert not Publication.objects.exists() and every_file() == {}
    assert not (tmp_path.parent / "outside.txt").exists()


def test_something_else_than_an_archive_is_refused(tmp_path):
    text = tmp_path / "notes.tar.gz"
    text.write_text("not an archive")
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(text))


def edited_database(name, data):
    """database.json with one value changed by hand, its size kept (the manifest records its checksum)."""
    return name, (data.replace(b'"Li Jiang"', b'"Li Jiamg"', 1) if name == "database.json" else data)


def test_an_edited_database_a_cut_short_archive_and_a_bomb_are_refused_with_nothing_written(
    demo_backup, tmp_path
):
    archive, _records, _files = demo_backup
    edited = rewritten(archive, tmp_path / "edited.tar.gz", edited_database)
    with pytest.raises(CommandError, match="database.json is damaged"):
        call_command("restore", str(edited))
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="cut short or damaged"):
        call_command("restore", str(cut))
    bomb = tmp_path / "bomb.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(bomb, "w:gz") as copy:
        for member in source.getmembers():
            copy.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/huge.bin")
        info.size = 500 * 2**20
        copy.addfile(info, Zeros())
    assert bomb.stat().st_size * 100 < info.size
    # refused from the entries' headers, before anything is unpacked (the check precedes extraction)
    with pytest.raises(CommandError, match="more than 100 times its size"):
        call_command("restore", str(bomb))
    assert not Publication.objects.exists() and every_file() == {}


class Zeros(io.RawIOBase):
    """As many zero bytes as are read, without holding them."""

    def readable(self):
        return True

    def readinto(self, buffer):
        buffer[:] = bytes(len(buffer))
        return len(buffer)


def test_an_installation_with_only_a_lab_profile_and_areas_is_not_empty(demo_backup):
    from people.models import ResearchArea
    from portal.models import Lab

    archive, _records, _files = demo_backup
    Lab.objects.create(name_en="Our lab, set up by hand")
    ResearchArea.objects.create(slug="pim", name_en="Processing in memory")
    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(archive))
    assert Lab.objects.get().name_en == "Our lab, set up by hand"


def test_a_backup_into_a_folder_that_does_not_exist_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="its folder does not exist"):
        call_command("backup", str(tmp_path / "no-such-folder" / "lab.tar.gz"))
