"""Backups: one archive with the database in a portable form and every stored file.

`manage.py backup FILE` writes a gzipped tar:
- `manifest.json`: what made it, when, the migrations it was taken at, the content version, the number
  of records of each model and the size and SHA-256 of every file;
- `database.json`: Django's own serialisation (`dumpdata`, JSON with times to the microsecond:
  portal/serializers.py), every record with its id, and content types and permissions (which migrate
  makes anew, with other ids) referred to by natural key; it loads into PostgreSQL or SQLite alike;
- `media/…`: every file of the default storage (uploads, image variants, documents, import inputs),
  read through the storage, so object storage is backed up the same way as a folder.

`manage.py restore FILE` brings it back into an empty, migrated installation at the same migrations:
the archive is checked whole first (names, sizes, checksums, migrations), files are written, then the
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

FORMAT = "lab-portal-backup"
VERSION = 1
# Left out: what migrate makes again (content types, permissions) and what belongs to the running
# installation rather than to the lab (sessions, login attempts and lockouts).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]
CHUNK = 1024 * 1024


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
    from .content import current_content_version

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
                "files": files,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
    return manifest


def read_archive(path: Path, into: Path) -> dict:
    """Unpack and check the archive in `into`; returns its manifest or raises BackupError."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path}: not a backup archive ({error})") from error
    with archive:
        for member in archive.getmembers():
            name = PurePosixPath(member.name)
            allowed = member.name in {"manifest.json", "database.json"} or (
                name.parts[:1] == ("media",) and len(name.parts) > 1
            )
            if not member.isfile() or not allowed or ".." in name.parts or name.is_absolute():
                raise BackupError(f"{path}: unexpected entry {member.name!r}: not a backup of this portal")
        archive.extractall(into, filter="data")
    try:
        manifest = json.loads((into / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{path}: no readable manifest.json") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{path}: not a backup of this portal in a format it reads (format {VERSION})")
    if not (into / "database.json").is_file():
        raise BackupError(f"{path}: database.json is missing")
    media = into / "media"
    found = {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()} if media.is_dir() else set()
    if found != set(manifest["files"]):
        raise BackupError(f"{path}: the files do not match its manifest")
    for name, expected in manifest["files"].items():
        digest = hashlib.sha256()
        with open(media / name, "rb") as stored:
            while chunk := stored.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != expected["sha256"]:
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


def is_empty() -> bool:
    from achievements.models import Achievement
    from news.models import NewsItem
    from people.models import Person
    from publications.models import Publication

    return not any(
        model.objects.exists() for model in (get_user_model(), Person, Publication, Achievement, NewsItem)
    )


def restore(path: Path) -> dict:
    """Restore the archive at `path` into this (empty) installation; returns its manifest."""
    from .content import current_content_version
    from .models import ContentVersion

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
