"""Right-to-left overrides in a figure's notes and publisher, and in a flag's note, are
shown isolated (#18 finding 10): they were shown raw and reversed the text after them."""

from __future__ import annotations

from tracker.domain.bidi import FSI, PDI, RLO
from tracker.service.pages.figures import load_figure
from tracker.views.format import source_name
from tracker.views.tables import figure_row


def test_notes_and_publisher_with_an_override_are_isolated(dash_store) -> None:
    frame, _ = load_figure(dash_store, "R046")
    row = frame.iloc[0].copy()
    row["notes"] = f"see {RLO}fdp.exe"
    row["publisher"] = f"{RLO}OCHA"
    shown = figure_row(row, dash_store.vocab, "en")
    assert shown["notes"] == f"{FSI}see {RLO}fdp.exe\u202c{PDI}"
    assert shown["publisher"].startswith(FSI) and shown["publisher"].endswith(PDI)
    assert shown["figure_id"] == "R046"  # ids and codes are left as they are


def test_an_unknown_source_id_with_an_override_is_isolated(dash_store) -> None:
    assert source_name(dash_store.vocab, f"X{RLO}Y", "ar") == f"{FSI}X{RLO}Y\u202c{PDI}"
