"""The supervision files (deploy/systemd, Procfile) start commands that exist and stop cleanly."""

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
SYSTEMD = ROOT / "deploy" / "systemd"


def _directives(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if re.match(r"^[A-Za-z]+=", line))


def _manage_commands(command_line: str) -> list[str]:
    return re.findall(r"manage\.py (\w+)", command_line)


def test_it_supervises_web_workers_and_the_periodic_jobs_with_systemd() -> None:
    units = sorted(path.name for path in SYSTEMD.iterdir())
    assert units == [
        "kam-enqueue.service",
        "kam-enqueue.timer",
        "kam-web.service",
        "kam-worker@.service",
    ]
    for name in ("kam-web.service", "kam-worker@.service"):
        unit = _directives(SYSTEMD / name)
        assert unit["KillMode"] == "control-group"
        assert unit["Restart"] == "on-failure"
    assert _directives(SYSTEMD / "kam-web.service")["ExecStart"].split()[:2] == [
        "/srv/kam/.venv/bin/gunicorn",
        "config.wsgi",
    ]
    assert _directives(SYSTEMD / "kam-enqueue.timer")["OnCalendar"] == "*:0/15"
    commands = [
        _manage_commands(_directives(SYSTEMD / name)["ExecStart"])
        for name in ("kam-worker@.service", "kam-enqueue.service")
    ]
    assert commands == [["run_worker"], ["enqueue_periodic"]]


def test_it_offers_a_procfile_with_commands_that_exist() -> None:
    processes = dict(
        line.split(": ", 1)
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert sorted(processes) == ["clock", "release", "web", "worker"]
    used = [name for line in processes.values() for name in _manage_commands(line)]
    assert used == ["migrate", "collectstatic", "run_worker", "enqueue_periodic"]
    assert set(used) <= set(get_commands())
