"""The README's examples run as written: every `sh` block's `curl` and `trainweek` lines, in
order, in one shell, against `trainweek serve` as `make run` starts it (on a free port and a
database of the test's own). The README's own sign-up gives the token later examples use; each
`curl` must answer 2xx (run with `--fail`), each CLI line exit 0."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.test_server import server, server_log  # noqa: F401  (fixtures)
from tests.helpers import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"^( *)```sh\n(.*?)^\1```", re.DOTALL | re.MULTILINE)
# Blocks that start or test the whole project, or take minutes (the bench, a fuzzing run):
# not examples to replay here.
NOT_REPLAYED = ("make ", "trainweek bench", "st run")
PLACEHOLDER = re.compile(r"\{\.\.\.\}|<[a-z_ ]+>|\bid\b, id\]")


def shell_blocks() -> list[str]:
    """The README's `sh` blocks, dedented, in order."""
    blocks = []
    for match in BLOCK.finditer(README.read_text()):
        indent = len(match.group(1))
        blocks.append("".join(line[indent:] + "\n" for line in match.group(2).splitlines()))
    return blocks


def replayed_blocks() -> list[str]:
    """The blocks this test runs."""
    return [block for block in shell_blocks() if not any(word in block for word in NOT_REPLAYED)]


def test_the_readme_has_curl_and_cli_examples_without_placeholders() -> None:
    """The blocks replayed hold the curl and CLI examples, and none has a placeholder to fill."""
    script = "".join(replayed_blocks())
    assert script.count("curl ") >= 15
    assert script.count("trainweek ") >= 5
    assert "TOKEN=$(curl" in script
    for block in shell_blocks():
        assert not PLACEHOLDER.search(block), block


@pytest.mark.slow
def test_every_readme_example_runs_as_written(server: str, tmp_path: Path) -> None:  # noqa: F811
    """Each block, in README order, in one bash with `set -euo pipefail`: a curl that answers
    4xx or 5xx, or a command that exits non-zero, fails the test."""
    assert shutil.which("curl"), "curl is needed to replay the README"
    bin_dir = Path(sys.executable).parent
    script = "set -euo pipefail\n"
    for block in replayed_blocks():
        block = block.replace("localhost:8000", server.removeprefix("http://"))
        block = re.sub(r"\bcurl -s\b", "curl -s --fail-with-body", block)
        block = block.replace(".venv/bin/", f"{bin_dir}/")
        # Files under scenarios/, not the /v1/scenarios/ URLs.
        block = re.sub(r"(?<![/\w])scenarios/", f"{ROOT}/scenarios/", block)
        script += f"echo '--- block'\n{block}\n"
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (tmp_path / "week.ics").read_text().startswith("BEGIN:VCALENDAR")
