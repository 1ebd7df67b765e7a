import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false", SECURE="true", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="lab.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_a_forgotten_secret_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECURE="true")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.parametrize("setting", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"])
def test_secure_mode_turns_on_transport_security(setting):
    result = manage(
        "shell", "-c", f"from django.conf import settings; print(bool(settings.{setting}))",
        SECURE="true", SECRET_KEY=secrets.token_urlsafe(50),
    )  # fmt: skip
    assert result.stdout.strip().endswith("True"), result.stderr
