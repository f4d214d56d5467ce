"""`tracker add/import --propose`, `tracker review` and `tracker users` from the shell."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.cli import main
from tracker.service.store import Store
from tracker.storage import tables

FIXTURES = Path(__file__).parents[1] / "fixtures"
PROPOSAL = [
    "add", "--propose", "--figure-id", "P1", "--metric", "killed", "--population", "civilians",
    "--value", "100", "--qualifier", "approx", "--source", "sohr", "--location", "SY12",
    "--reported-on", "2018-06-30", "--period-start", "2018-06-19",
]  # fmt: skip


def as_user(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TRACKER_USER", name)


def add_user(monkeypatch: pytest.MonkeyPatch, name: str, role: str, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["users", "add", name, "--role", role])


def test_users_are_added_with_the_password_from_standard_input(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add_user(monkeypatch, "alice", "analyst", "a long passphrase") == 0
    assert add_user(monkeypatch, "bob", "reviewer", "short") == 1
    assert "at least 10 characters" in capsys.readouterr().err
    store = Store(db)
    with store.connect() as conn:
        stored = conn.execute(select(tables.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "a long passphrase" not in stored
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "alice" in out and "analyst" in out and "argon2" not in out
    as_user(monkeypatch, "alice")  # an analyst manages no accounts
    assert add_user(monkeypatch, "mallory", "admin", "a long passphrase") == 1
    assert "may not manage users" in capsys.readouterr().err


def test_an_analyst_proposes_and_another_reviewer_accepts(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user(monkeypatch, "alice", "analyst", "a long passphrase")
    add_user(monkeypatch, "bob", "reviewer", "another passphrase")
    as_user(monkeypatch, "alice")
    assert main(PROPOSAL[:1] + PROPOSAL[2:]) == 1  # no --propose: analysts do not publish
    assert "may not publish" in capsys.readouterr().err
    assert main(PROPOSAL) == 0
    assert "figure P1 proposed for review" in capsys.readouterr().out
    assert main(["list", "--metric", "killed", "--limit", "0"]) == 0
    assert "P1" not in capsys.readouterr().out
    assert main(["review", "list"]) == 0
    out = capsys.readouterr().out
    assert "raises regression" in out and "about 126 → about 100" in out
    assert main(["review", "accept", "P1"]) == 1
    assert "may not review" in capsys.readouterr().err
    as_user(monkeypatch, "bob")
    assert main(["review", "accept", "P1", "--why", "SOHR's site says 100"]) == 0
    assert main(["history", "P1"]) == 0
    assert "accepted by bob" in capsys.readouterr().out
    assert main(["export", "--metric", "killed"]) == 0
    exported = capsys.readouterr().out
    assert "review_status,reviewed_by" in exported.splitlines()[0]
    assert any(
        line.startswith("P1,") and line.endswith(",accepted,bob") for line in exported.splitlines()
    )


def test_an_author_cannot_accept_their_own_proposal_and_a_rejection_needs_why(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user(monkeypatch, "bob", "reviewer", "another passphrase")
    as_user(monkeypatch, "bob")
    assert main(PROPOSAL) == 0
    assert main(["review", "accept", "P1"]) == 1
    assert "another reviewer" in capsys.readouterr().err
    as_user(monkeypatch, "operator")
    with pytest.raises(SystemExit):
        main(["review", "reject", "P1"])  # --why is required
    assert main(["review", "reject", "P1", "--why", "no such report"]) == 0
    assert main(["review", "list"]) == 0
    assert "no proposals await review" in capsys.readouterr().out


def test_a_disabled_account_acts_no_more(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user(monkeypatch, "alice", "analyst", "a long passphrase")
    assert main(["users", "disable", "alice"]) == 0
    as_user(monkeypatch, "alice")
    assert main(PROPOSAL) == 1
    assert "disabled" in capsys.readouterr().err


def test_a_reviewer_sends_back_and_the_author_resubmits(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user(monkeypatch, "alice", "analyst", "a long passphrase")
    add_user(monkeypatch, "bob", "reviewer", "another passphrase")
    as_user(monkeypatch, "alice")
    assert main(PROPOSAL) == 0
    assert main(["review", "send-back", "P1", "--comment", "cite the page"]) == 1
    assert "may not review" in capsys.readouterr().err  # an analyst sends nothing back
    as_user(monkeypatch, "bob")
    assert main(["review", "send-back", "P1", "--comment", "cite the page"]) == 0
    assert "sent back to alice" in capsys.readouterr().out
    assert main(["review", "list"]) == 0
    assert "no proposals await review" in capsys.readouterr().out
    assert main(["review", "list", "--status", "returned"]) == 0
    assert "sent back by bob: cite the page" in capsys.readouterr().out
    assert main(["review", "accept", "P1"]) == 1  # returned: nothing awaits review
    capsys.readouterr()
    as_user(monkeypatch, "alice")
    assert main(["review", "resubmit", "P1", "--set", "value=101", "--why", "page cited"]) == 0
    assert "resubmitted" in capsys.readouterr().out
    capsys.readouterr()
    assert main(["review", "list", "--status", "returned"]) == 0
    assert "no proposals are sent back" in capsys.readouterr().out
    as_user(monkeypatch, "bob")
    assert main(["review", "accept", "P1"]) == 0
    assert main(["history", "P1"]) == 0
    out = capsys.readouterr().out
    assert "cite the page" in out and "accepted by bob" in out  # history kept


def test_the_author_withdraws_a_proposal_sent_back(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user(monkeypatch, "alice", "analyst", "a long passphrase")
    add_user(monkeypatch, "bob", "reviewer", "another passphrase")
    add_user(monkeypatch, "carol", "analyst", "a third passphrase")
    as_user(monkeypatch, "alice")
    assert main(PROPOSAL) == 0
    as_user(monkeypatch, "bob")
    assert main(["review", "send-back", "P1", "--why", "wrong place"]) == 0
    as_user(monkeypatch, "carol")
    assert main(["review", "withdraw", "P1"]) == 1
    assert "only its author resubmits or withdraws it" in capsys.readouterr().err
    as_user(monkeypatch, "alice")
    assert main(["review", "withdraw", "P1", "--why", "duplicate"]) == 0
    assert main(["review", "list", "--status", "returned"]) == 0
    assert "no proposals are sent back" in capsys.readouterr().out
    assert main(["list", "--metric", "killed", "--limit", "0"]) == 0
    assert "P1" not in capsys.readouterr().out


def test_revise_and_retract_print_the_flags_and_headlines_they_move(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(PROPOSAL[:1] + PROPOSAL[2:]) == 0  # the operator publishes at once
    out = capsys.readouterr().out
    assert "stored figure P1" in out and "raises regression" in out
    assert "about 126 → about 100" in out
    assert "headline Killed, Civilians, Dar'a (governorate) (SY12)" in out  # words, and the code
    assert main(["revise", "P1", "--set", "value=126", "--why", "misread"]) == 0
    out = capsys.readouterr().out
    assert "new revision stored" in out and "clears regression" in out
    assert main(["retract", "P1", "--why", "not SOHR's"]) == 0
    out = capsys.readouterr().out
    assert "retracted" in out and "raises divergence" in out


def test_revise_and_retract_propose_a_change_another_reviewer_accepts(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(PROPOSAL[:1] + PROPOSAL[2:]) == 0  # the operator publishes P1 (100)
    for name, role in (("alice", "analyst"), ("bob", "reviewer")):
        assert add_user(monkeypatch, name, role, f"{name}-password-1") == 0
    as_user(monkeypatch, "alice")
    assert main(["revise", "P1", "--set", "value=126", "--why", "misread"]) == 1
    assert "may not publish" in capsys.readouterr().err  # an analyst only proposes
    assert main(["revise", "P1", "--propose", "--set", "value=126", "--why", "misread"]) == 0
    assert "revision proposed for review" in capsys.readouterr().out
    assert main(["retract", "P1", "--propose", "--why", "twice"]) == 1
    assert "has a proposal proposed" in capsys.readouterr().err
    assert main(["list", "--metric", "killed", "--limit", "0"]) == 0
    assert " 100" in capsys.readouterr().out  # still the published value
    assert main(["review", "list"]) == 0
    assert "a revision of the published figure" in capsys.readouterr().out
    as_user(monkeypatch, "bob")
    assert main(["review", "accept", "P1", "--why", "checked"]) == 0
    as_user(monkeypatch, "alice")
    assert main(["retract", "P1", "--propose", "--why", "not SOHR's"]) == 0
    assert "retraction proposed for review" in capsys.readouterr().out
    as_user(monkeypatch, "bob")
    assert main(["review", "accept", "P1"]) == 0
    assert "a retraction of the published figure" in capsys.readouterr().out
    assert main(["history", "P1"]) == 0
    out = capsys.readouterr().out
    assert "misread" in out and "not SOHR's" in out and "retracted" in out


def test_an_import_prints_what_it_moved_and_a_second_import_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same words as `add`: the flag the file raises and the headline it moves."""
    path = tmp_path / "one.csv"
    path.write_text(
        "figure_id,reported_on,source,metric,population,location,period_start,qualifier,value\n"
        "P1,2018-06-30,sohr,killed,civilians,SY12,2018-06-19,approx,100\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 figure(s) stored" in out and "raises regression" in out
    assert "headline Killed, Civilians, Dar'a (governorate) (SY12)" in out
    assert "about 126 → about 100" in out
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0 figure(s) stored, 1 already stored" in out and "raises" not in out
    path.write_text(path.read_text(encoding="utf-8").replace("P1,", "P2,"), encoding="utf-8")
    assert main(["import", str(path), "--propose"]) == 0
    out = capsys.readouterr().out
    assert "1 figure(s) proposed for review" in out
    assert "headline" not in out  # a proposal moves nothing public
