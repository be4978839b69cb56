"""The `trainweek serve` command line."""

from __future__ import annotations

import pytest

from api.cli import build_parser


def test_serve_defaults_to_loopback_port_8000(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PORT or flags, serve binds 127.0.0.1:8000."""
    monkeypatch.delenv("PORT", raising=False)
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_port_from_the_environment_and_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """PORT overrides the default port, and --port overrides PORT."""
    monkeypatch.setenv("PORT", "9123")
    assert build_parser().parse_args(["serve"]).port == 9123
    assert build_parser().parse_args(["serve", "--port", "9200"]).port == 9200


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A port that is not 1-65535 stops with argparse's usage error (exit 2) naming it."""
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["serve", "--port", port])
    assert stopped.value.code == 2
    assert port in capsys.readouterr().err
