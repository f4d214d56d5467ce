"""#18 finding 5: reporting a bad file is fast and bounded.

Each unknown P-code was compared with all 5,600 codes, uncached (about 8 ms a cell): 8,000
rows with one bad code took a minute to refuse, and 100k junk rows took minutes and gigabytes.
Suggestions are now cached per distinct value, the report groups problems per (column,
value) with counts and the first lines, and past MAX_LISTED problems are counted, not described.
"""

from __future__ import annotations

import csv
import os
import random
import string
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.helpers import HEADER
from tracker.cli import main
from tracker.domain import validation
from tracker.domain.validation import MAX_LISTED, validate_figures

COLUMNS = HEADER.strip().split(",")


def one_bad_code(rows: int) -> pd.DataFrame:
    row = {"reported_on": "2018-06-30", "source": "sohr", "metric": "killed",
           "location": "SY12X", "value": "5"}  # fmt: skip
    return pd.DataFrame([row] * rows).astype("string")


def test_a_suggestion_is_worked_out_once_per_distinct_value(vocab, monkeypatch) -> None:
    calls: list[str] = []
    real = validation.closest

    def counting(value, candidates):  # noqa: ANN001, ANN202
        calls.append(value)
        return real(value, candidates)

    monkeypatch.setattr(validation, "closest", counting)
    checked = validate_figures(one_bad_code(2000), vocab, date(2026, 1, 1))
    assert len(checked.problems) == 2000 and len(checked.bad_rows) == 2000
    assert calls == ["SY12X"]


def test_the_report_groups_problems_per_column_and_value(tmp_path: Path, capsys) -> None:
    path = tmp_path / "one_bad_code.csv"
    one_bad_code(8000).to_csv(path, index=False)
    started = time.perf_counter()
    assert main(["validate", str(path)]) == 1
    assert time.perf_counter() - started < 20  # was about a minute
    err = capsys.readouterr().err.splitlines()
    assert (
        f"{path}: column location, value 'SY12X': unknown location 'SY12X': neither a P-code "
        "of the gazetteer nor an area id (`tracker areas list`) — did you mean 'SY12'? — on "
        "8,000 rows (lines 2–8001)"
    ) in err
    assert (
        err[-1]
        == f"{path}: 8000 problem(s) on 8000 line(s); nothing stored (validate never stores)"
    )


def write_junk(path: Path, rows: int) -> None:
    rng = random.Random(5)
    letters = string.ascii_letters + string.digits
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for _ in range(rows):
            writer.writerow(["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in COLUMNS])


@pytest.mark.slow
def test_a_100k_row_junk_file_is_refused_in_seconds_and_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    write_junk(path, 100_000)
    script = (
        f"import sys; from tracker.cli import main; sys.exit(main(['validate', {str(path)!r}]))"
    )
    started = time.perf_counter()
    with (tmp_path / "stderr.txt").open("w") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err
        )
        # This child's own peak memory (RUSAGE_CHILDREN would be the largest of every child
        # the test process ever waited for, e.g. a server another test started).
        pid, status, usage = 0, 0, None
        while pid == 0 and time.perf_counter() - started < 300:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            time.sleep(0.05)
        if pid == 0:
            child.kill()
            pytest.fail("validate of the junk file took more than 300 s")
    seconds = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024
    stderr = (tmp_path / "stderr.txt").read_text()
    assert os.waitstatus_to_exitcode(status) == 1, stderr[-2000:]
    report = stderr.splitlines()
    assert len(report) < 300, "a bounded report"
    assert f"more problem(s) on later lines are not listed (the first {MAX_LISTED:,} are)" in (
        stderr
    )
    assert report[-1].endswith("on 100000 line(s); nothing stored (validate never stores)")
    assert seconds < 60, seconds  # about 6 s on a laptop core; was many minutes
    assert peak_mb < 1000, peak_mb  # about 320 MB; was over 1.2 GB and growing
