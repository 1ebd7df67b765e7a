import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from django.core.management import call_command
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version


def test_system_check_is_clean():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # exits non-zero (SystemExit) when a model change has no migration
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


LOCK = Path(__file__).resolve().parents[2] / "requirements.lock"


def locked_distributions() -> dict[str, tuple[Version, list[str]]]:
    """requirements.lock as {normalised name: (version, hashes)}; a line pip would resolve fails here."""
    text = LOCK.read_text().replace("\\\n", " ")
    locked = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *options = line.split()
        name, separator, version = requirement.partition("==")
        assert separator and "[" not in name and ";" not in version, f"not pinned exactly: {requirement}"
        hashes = [option.removeprefix("--hash=") for option in options if option.startswith("--hash=sha256:")]
        assert hashes and len(hashes) == len(options), f"{requirement}: every option must be a sha256 hash"
        locked[canonicalize_name(name)] = (Version(version), hashes)
    return locked


def test_the_lock_installs_without_resolving():
    """scripts/install-python installs the lock with --no-deps: it must name every distribution that any
    locked distribution needs, extras included, at a version that satisfies it, or the site would miss a
    package (which `pip check` after the install also catches) and a newer pip would resolve a new one."""
    locked = locked_distributions()
    assert {"django", "weasyprint", "fonttools", "brotli", "zopfli", "pytest"} <= locked.keys()
    environment = default_environment()
    project = tomllib.loads((LOCK.parent / "pyproject.toml").read_text())["project"]
    roots = project["dependencies"] + project["optional-dependencies"]["dev"]
    wanted = [(Requirement(text), "pyproject.toml") for text in roots]
    seen, missing = set(), []
    while wanted:
        requirement, needed_by = wanted.pop()
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        if name not in locked:
            missing.append(f"{requirement} (needed by {needed_by}) is not in the lock")
            continue
        version = locked[name][0]
        if not requirement.specifier.contains(version, prereleases=True):
            missing.append(f"{requirement} (needed by {needed_by}) is locked at {version}")
        for text in metadata.requires(name) or []:
            needed = Requirement(text)
            extras = requirement.extras or {""}
            if needed.marker is None or any(
                needed.marker.evaluate({**environment, "extra": extra}) for extra in extras
            ):
                wanted.append((needed, f"{name} {version}"))
    assert missing == []
