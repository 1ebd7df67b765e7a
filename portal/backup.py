"""Backups: one archive with the database in a portable form and every stored file.

`manage.py backup FILE` writes a gzipped tar:
- `manifest.json`: what made it, when, the migrations it was taken at, the content version, the number
  of records of each model and the size and SHA-256 of database.json and of every file;
- `database.json`: Django's own serialisation (`dumpdata`, JSON with times to the microsecond:
  portal/serializers.py), every record with its id, and content types and permissions (which migrate
  makes anew, with other ids) referred to by natural key; it loads into PostgreSQL or SQLite alike;
- `media/…`: every file of the default storage (uploads, image variants, documents, import inputs),
  read through the storage, so object storage is backed up the same way as a folder.

`manage.py restore FILE` brings it back into an empty, migrated installation at the same migrations:
the archive is checked whole first (its entries' names and sizes against the manifest, and how much it
unpacks to, before anything is unpacked; then checksums, database.json's too, and migrations), files
are written, then the
database is replaced in one transaction; if that fails, the files written are removed and the database
is as it was. Afterwards the content version moves past anything this installation served and the
cache is cleared, so no page rendered before the restore is served after it.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from achievements.models import Achievement
from news.models import NewsItem
from people.models import Person, ResearchArea
from publications.models import Collection, Publication

from .content import current_content_version
from .models import ContentVersion, Lab

FORMAT = "lab-portal-backup"
VERSION = 1
# Left out: what migrate makes again (content types, permissions) and what belongs to the running
# installation rather than to the lab (sessions, login attempts and lockouts).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]
CHUNK = 1024 * 1024
# An archive that unpacks to more than RATIO times its size (past RATIO_FLOOR) is refused unread: a
# backup's photos and PDFs are compressed already, its JSON some ten times.
RATIO, RATIO_FLOOR = 100, 50 * 1024 * 1024
MANIFEST_LIMIT = 64 * 1024 * 1024


class BackupError(Exception):
    """An archive that cannot be restored here, or an installation it cannot be restored into."""


def applied_migrations() -> dict[str, list[str]]:
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def stored_files(folder: str = ""):
    """Every file name in the default storage, walking its folders (works for object storage too)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_files(f"{folder}/{sub}" if folder else sub)


def dumped_models(include_auto_created=False):
    """The models a backup holds (with `include_auto_created`, their many-to-many tables too)."""
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    return [
        model
        for model in apps.get_models(include_auto_created=include_auto_created)
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded_models
        and not model._meta.proxy
        and model._meta.managed
    ]


def record_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in dumped_models(include_auto_created=True)
    }


def empty_tables() -> None:
    """Delete every row a backup holds (what migrate wrote too: venues, roles, synonyms), keeping
    content types and permissions, which the backup refers to by natural key."""
    tables = [model._meta.db_table for model in dumped_models(include_auto_created=True)]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=True))


def backup(path: Path) -> dict:
    """Write the archive to `path`; returns its manifest."""

    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "database.json"
        with transaction.atomic():  # one consistent view of the database while others write
            if connection.vendor == "postgresql":  # the first statement: every read sees one snapshot
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata", "--format", "backupjson", "--natural-foreign",
                *[f"--exclude={e}" for e in EXCLUDED],
                "--output", str(database), "--verbosity", "0",
            )  # fmt: skip
            counts = record_counts()
            version = current_content_version()[0]
        files = {}
        recorded = {"size": database.stat().st_size, "sha256": sha256_of(database)}
        with tarfile.open(path, "w:gz") as archive:
            archive.add(database, arcname="database.json")
            for name in stored_files():
                digest, size = hashlib.sha256(), 0
                with default_storage.open(name, "rb") as source, tempfile.TemporaryFile() as copy:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        copy.write(chunk)
                    copy.seek(0)
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size, info.mtime = size, int(timezone.now().timestamp())
                    archive.addfile(info, copy)
                files[name] = {"size": size, "sha256": digest.hexdigest()}
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "database_vendor": connection.vendor,
                "migrations": applied_migrations(),
                "content_version": version,
                "records": counts,
                "database": recorded,
                "files": files,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
    return manifest


def read_archive(path: Path, into: Path) -> dict:
    """Check the archive, unpack it in `into` and check it again; returns its manifest or raises
    BackupError. Nothing but the manifest is written before every entry's name and size agree with it,
    and the whole unpacks to at most RATIO times the archive's size (a gzip of zeros is no backup)."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()  # reads the headers through, writes nothing
            check_entries(path, members)
            manifest = read_manifest(path, archive, members)
            check_sizes(path, members, manifest)
            archive.extractall(into, members=members, filter="data")
    except BackupError:
        raise
    except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
        raise BackupError(f"{path}: not a backup archive, or one cut short or damaged ({error})") from error
    database = into / "database.json"
    if "database" in manifest and sha256_of(database) != manifest["database"]["sha256"]:
        raise BackupError(f"{path}: database.json is damaged (its checksum differs from the manifest's)")
    media = into / "media"
    for name, expected in manifest["files"].items():
        if sha256_of(media / name) != expected["sha256"]:
            raise BackupError(f"{path}: {name} is damaged (its checksum differs from the manifest's)")
    here = applied_migrations()
    if manifest["migrations"] != here:
        differing = sorted(
            app for app in set(here) | set(manifest["migrations"])
            if here.get(app) != manifest["migrations"].get(app)
        )  # fmt: skip
        raise BackupError(
            "the backup was taken at other migrations than this installation's "
            f"({', '.join(differing)}): restore it with the portal's version that made it, then upgrade"
        )
    return manifest


def check_entries(path: Path, members) -> None:
    for member in members:
        name = PurePosixPath(member.name)
        allowed = member.name in {"manifest.json", "database.json"} or (
            name.parts[:1] == ("media",) and len(name.parts) > 1
        )
        if not member.isfile() or not allowed or ".." in name.parts or name.is_absolute():
            raise BackupError(f"{path}: unexpected entry {member.name!r}: not a backup of this portal")
    unpacked, packed = sum(member.size for member in members), Path(path).stat().st_size
    if unpacked > RATIO_FLOOR and unpacked > RATIO * packed:
        raise BackupError(
            f"{path}: it unpacks to {unpacked / 1e6:.0f} MB, more than {RATIO} times its size: not a backup"
        )


def read_manifest(path: Path, archive, members) -> dict:
    entry = next((member for member in members if member.name == "manifest.json"), None)
    if entry is None or entry.size > MANIFEST_LIMIT:
        raise BackupError(f"{path}: no readable manifest.json")
    try:
        manifest = json.loads(archive.extractfile(entry).read())
    except ValueError as error:
        raise BackupError(f"{path}: no readable manifest.json") from error
    kind = (manifest.get("format"), manifest.get("version")) if isinstance(manifest, dict) else None
    if kind != (FORMAT, VERSION):
        raise BackupError(f"{path}: not a backup of this portal in a format it reads (format {VERSION})")
    return manifest


def check_sizes(path: Path, members, manifest: dict) -> None:
    """Every entry is one the manifest lists, of the size it says, before anything is unpacked."""
    sizes = {member.name: member.size for member in members}
    if "database.json" not in sizes:
        raise BackupError(f"{path}: database.json is missing")
    expected = {f"media/{name}": entry["size"] for name, entry in manifest["files"].items()}
    if "database" in manifest:  # archives written before it was recorded have no entry for it
        expected["database.json"] = manifest["database"]["size"]
    found = {name: size for name, size in sizes.items() if name in expected or name.startswith("media/")}
    if found != expected:
        raise BackupError(f"{path}: the files do not match its manifest")


def sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_empty() -> bool:

    # (venues and search synonyms are not content of the lab's: migrate writes them)
    kept = (get_user_model(), Person, Publication, Achievement, NewsItem, Lab, ResearchArea, Collection)
    return not any(model.objects.exists() for model in kept)


def restore(path: Path) -> dict:
    """Restore the archive at `path` into this (empty) installation; returns its manifest."""

    if not is_empty():
        raise BackupError(
            "this installation already holds accounts or content: restore into an empty, migrated database"
        )
    scratch = Path(tempfile.mkdtemp(prefix="portal-restore-"))
    written = []
    try:
        manifest = read_archive(Path(path), scratch)
        served = current_content_version()[0]
        for name in manifest["files"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(scratch / "media" / name, "rb") as source:
                saved = default_storage.save(name, source)
            written.append(saved)
            if saved != name:
                raise BackupError(f"the storage stored {name} as {saved}")
        with transaction.atomic():
            empty_tables()
            call_command("loaddata", str(scratch / "database.json"), verbosity=0)  # reads the times whole
            restored = Counter(record_counts())
            if dict(restored) != {**dict.fromkeys(restored, 0), **manifest["records"]}:
                raise BackupError("the restored records do not match the manifest's counts")
            ContentVersion.objects.update_or_create(
                pk=1,
                defaults={
                    "version": max(served, manifest["content_version"]) + 1,
                    "changed_at": timezone.now(),
                },
            )
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    cache.clear()
    return manifest
