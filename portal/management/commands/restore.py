from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restores an archive written by `backup` into an empty installation migrated to the same "
        "migrations: all of it or, when anything is wrong, nothing (portal/backup.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by `manage.py backup`")

    def handle(self, *args, file, **options):
        try:
            manifest = restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        records = sum(manifest["records"].values())
        self.stdout.write(
            f"{file}: restored {records} records and {len(manifest['files'])} files "
            f"(taken {manifest['created_at']} on {manifest['database_vendor']})"
        )
