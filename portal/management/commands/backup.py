from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import backup


class Command(BaseCommand):
    help = "Writes one archive with the database (portable JSON) and every stored file (portal/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. lab-2026-12-03.tar.gz")

    def handle(self, *args, file, **options):
        if not Path(file).resolve().parent.is_dir():
            raise CommandError(f"{file}: its folder does not exist")
        manifest = backup(Path(file))
        records = sum(manifest["records"].values())
        size = sum(entry["size"] for entry in manifest["files"].values())
        self.stdout.write(
            f"{file}: {records} records, {len(manifest['files'])} files ({size / 1e6:.1f} MB), "
            f"content version {manifest['content_version']}"
        )
