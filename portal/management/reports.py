"""What the import commands share: reading the file and printing the report."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from people.models import Person
from portal.encoding import decode
from portal.imports import ImportFailed


def read_text(command, file: str) -> str:
    """The file's text (- for standard input), decoded whatever its encoding; a CommandError if not."""

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error}") from error
    try:
        text, encoding = decode(data)
    except ImportFailed as error:
        place, message = error.problems[0]
        raise CommandError(f"cannot read {file}: {place}: {message}") from error
    if encoding not in {"utf-8", "utf-8-sig", "ascii"}:
        command.stdout.write(f"note      {file} read as {encoding}")
    return text


def run_import(command, label: str, do_import):
    """Run `do_import()`, print its report line by line and end with its summary; a CommandError
    (exit status 1) when nothing could be imported or some entries were refused."""
    try:
        report = do_import()
    except ImportFailed as error:
        lines = "\n".join(f"  {place or label}: {message}" for place, message in error.problems)
        raise CommandError(f"nothing was imported from {label}:\n{lines}") from error
    write = command.stdout.write
    for row in report.rows:
        reason = f" — {row.reason}" if row.reason else ""
        write(f"{row.action:9} {row.place}: {row.title[:80]}{reason}")
    for match in report.matches:
        write(f"matched   {match['place']}: {match['name']} → {match['person']} ({match['how']})")
    for note in report.notes:
        write(f"note      {note}")
    for warning in report.warnings:
        write(command.style.WARNING(f"warning   {warning['place']}: {warning['message']}"))
    refused = report.counts["refused"]
    if refused:
        raise CommandError(
            f"{label}: {report.summary()}; {refused} entries with errors were not imported "
            "(see 'refused' above)"
        )
    write(command.style.SUCCESS(f"{label}: {report.summary()}"))
    return report


def person_by_slug(slug: str | None):

    if not slug:
        return None
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        raise CommandError(f"no person with the slug {slug!r}")
    return person
