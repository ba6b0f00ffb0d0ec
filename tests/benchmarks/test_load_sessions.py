"""The load test itself: it targets only this machine, counts every failure, and checks each answer for its year.

One real app (``tests.support.running_app``) serves the runs below; the same sessions go through
HAProxy in ``tests/container/test_compose.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import load_sessions, proc_stats
from benchmarks.load_report import LoadReport, SessionResult, format_report, percentile
from tests.support import free_port, running_app


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("load") / "app.log") as url:
        yield url


@pytest.mark.parametrize("url", ["http://10.0.0.1:8501", "http://192.168.1.10/", "http://8.8.8.8", "ftp://127.0.0.1/"])
def test_refuses_any_target_but_this_machine(url: str):
    with pytest.raises(ValueError):
        proc_stats.check_local(url)
    with pytest.raises(SystemExit) as leaving:
        load_sessions.main(["--url", url, "--sessions", "1", "--changes", "1"])
    assert leaving.value.code == 2


@pytest.mark.parametrize("url", ["http://127.0.0.1:8501", "http://localhost:8501", "http://[::1]:8501"])
def test_accepts_loopback(url: str):
    proc_stats.check_local(url)


@pytest.mark.parametrize("arguments", [["--sessions", "201"], ["--changes", "0"], ["--timeout", "99999"]])
def test_is_bounded_in_count_and_time(arguments: list[str]):
    with pytest.raises(SystemExit) as leaving:
        load_sessions.main(["--url", "http://127.0.0.1:8501", *arguments])
    assert leaving.value.code == 2


def test_verdict_fails_on_any_error_or_a_slow_p95():
    fast = SessionResult(0, "u", latencies=[0.05] * 19 + [0.6])
    report = LoadReport(["u"], 1, 20, 0.2, "x", [], results=[fast])
    assert percentile(fast.latencies, 95) == 0.05 and percentile(fast.latencies, 99) == 0.6
    assert report.passed(0.5)
    report.results.append(SessionResult(1, "u", error=("dropped", "websocket closed")))
    assert not report.passed(0.5)
    assert "errors == 0: FAIL" in format_report(report, 0.5)
    assert not LoadReport(["u"], 1, 2, 0.2, "x", [], results=[SessionResult(0, "u", latencies=[0.7, 0.8])]).passed(0.5)


def test_a_refused_session_is_an_error():
    code = load_sessions.main(["--url", f"http://127.0.0.1:{free_port()}", "--sessions", "2", "--changes", "1"])
    assert code == 1


def test_sessions_change_years_and_every_answer_shows_its_year(app_url: str, capsys: pytest.CaptureFixture):
    pid = proc_stats.listening_pid(int(app_url.rsplit(":", 1)[1]))
    assert pid is not None, "the app's process listens on its port"
    report = asyncio.run(load_sessions.run_load([app_url], 3, 4, pids=(pid,), release_wait=2, timeout=120))
    print(format_report(report, 0.5))
    assert not report.errors, format_report(report, 0.5)
    assert len(report.latencies) == 12 and all(0 < seconds < 10 for seconds in report.latencies)
    assert all(received > 0 for result in report.results for received in result.received)
    assert report.cpu_seconds and report.cpu_seconds > 0
    assert report.rss["with sessions open"] >= report.rss["before opening"] > 50 * 2**20


def test_an_answer_without_its_year_is_a_wrong_answer(app_url: str):
    report = asyncio.run(load_sessions.run_load([app_url], 2, 2, expect=r"no-such-marker-{year}", release_wait=0, timeout=60))
    assert report.errors == {"wrong": 2}
    assert all("does not show" in result.error[1] for result in report.results)


def test_command_line_exits_zero_on_a_clean_run(app_url: str, tmp_path: Path):
    out = tmp_path / "report.json"
    code = load_sessions.main(["--url", app_url, "--sessions", "2", "--changes", "2", "--release-wait", "0", "--json", str(out)])
    assert code == 0 and '"passed": true' in out.read_text()
