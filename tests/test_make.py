"""`make run` on the port the environment asks for: hosting platforms set PORT or
STREAMLIT_SERVER_PORT, and a command-line flag would override the latter."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def run_command(**env: str) -> str:
    """The command `make run` would run (the virtual environment taken as made)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PORT", "STREAMLIT_SERVER_PORT")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed-stamp", "run"],
        cwd=REPO,
        env=clean | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_default_port_is_8501():
    assert run_command().endswith("streamlit run dashboard/app.py --server.port 8501")


def test_port_from_the_environment():
    assert run_command(PORT="9000").endswith("--server.port 9000")


def test_streamlit_server_port_is_left_to_streamlit():
    command = run_command(STREAMLIT_SERVER_PORT="9100", PORT="9000")
    assert command.endswith("streamlit run dashboard/app.py")
    assert "--server.port" not in command
