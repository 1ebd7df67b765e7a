"""Fuzz the JSON API with schemathesis, over its whole OpenAPI schema.

    .venv/bin/python scripts/api_fuzz.py [--max-examples 10] [--seed N]

Serves the demo lab with gunicorn on loopback (production settings, its own database: a
`<name>_fuzz` PostgreSQL database when DATABASE_URL points at PostgreSQL, else SQLite in a temporary
folder), gives schemathesis a staff token so that writes are exercised too, and runs every check
schemathesis has. The run fails on any of them but one: `positive_data_acceptance` ("a request the
schema allows was refused") is reported, not enforced, because the API rightly refuses some
schema-valid requests for reasons OpenAPI cannot state: a slug, DOI or ORCID iD already taken, a
reference to a record that does not exist, a title given in neither language.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from devtools.scratch import free_port, scratch_database, wait_for_port  # noqa: E402

PYTHON = sys.executable
SCHEMATHESIS = str(Path(PYTHON).with_name("schemathesis"))
REPORTED_ONLY = "positive_data_acceptance"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--max-examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "10")))
    parser.add_argument("--seed", default=os.environ.get("FUZZ_SEED", "20251123"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        url, drop = scratch_database("fuzz", tmp)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CELERY_BROKER_URL": "",
            "MEDIA_ROOT": str(tmp / "media"),
            "API_ANON_RATE": "100000/minute",  # the fuzzer is one client sending thousands of requests
            "PORTAL_DEMO": "false",
            "LOG_LEVEL": "ERROR",  # the server's log then holds only what went wrong
        }
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
        token = subprocess.run(
            [*manage, "shell", "-c",
             "from django.contrib.auth import get_user_model\n"
             "from rest_framework.authtoken.models import Token\n"
             "user, _ = get_user_model().objects.get_or_create(\n"
             "    username='fuzzer', defaults={'is_staff': True, 'is_superuser': True})\n"
             "print(Token.objects.get_or_create(user=user)[0].key)"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
             "--timeout", "60"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(tmp / "gunicorn.log").open("w"),
        )  # fmt: skip
        try:
            wait_for_port(port, server)
            common = [
                SCHEMATHESIS, "run", f"http://127.0.0.1:{port}/api/v1/schema/",
                "-H", f"Authorization: Token {token}",
                "--max-examples", str(args.max_examples), "--seed", str(args.seed), "--workers", "2",
            ]  # fmt: skip
            print("== schemathesis, every check but positive_data_acceptance (enforced)", flush=True)
            enforced = subprocess.run(
                [*common, "--checks", "all", "--exclude-checks", REPORTED_ONLY], cwd=ROOT
            )
            # reported only: its examples and random requests name the operations concerned; the coverage
            # phase (70 of its 107 s) would only list the same refusals again
            print("== schemathesis, positive_data_acceptance (reported; examples, fuzzing)", flush=True)
            subprocess.run([*common, "--checks", REPORTED_ONLY, "--phases", "examples,fuzzing"], cwd=ROOT)
            errors = (tmp / "gunicorn.log").read_text()
            if "Traceback" in errors:
                first = errors.index("Traceback")
                print(
                    "== the server logged errors; the first:\n" + errors[max(0, first - 2000) : first + 8000]
                )
                return 1
            return enforced.returncode
        finally:
            server.terminate()
            server.wait(timeout=20)
            drop()


if __name__ == "__main__":
    sys.exit(main())
