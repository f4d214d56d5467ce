"""One line per distinct problem, with how many rows it concerns and where."""

from __future__ import annotations

from tracker.domain.problem_groups import describe_lines, group_problems
from tracker.domain.validation import Problem


def test_same_problem_on_many_rows_is_one_group() -> None:
    problems = [Problem(n, "source", "vdc", "unknown source 'vdc'") for n in range(2, 37620)]
    problems.append(Problem(5, "value", "-1", "is negative"))
    groups = group_problems(problems)
    assert len(groups) == 2
    text = str(groups[0])
    assert text == (
        "column source, value 'vdc': unknown source 'vdc' — on 37,618 rows (lines 2–37619)"
    )
    assert str(groups[1]) == "line 5, column value, value '-1': is negative"


def test_lines_are_written_as_runs_and_cut_after_a_few() -> None:
    assert describe_lines([2, 3, 4, 9]) == "lines 2–4, 9"
    assert describe_lines([7]) == "line 7"
    many = describe_lines(range(2, 40, 2))
    assert many.startswith("lines 2, 4, 6, 8, 10, 12 and 13 more")
