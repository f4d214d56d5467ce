"""Reading another layout's file as text cells: CSV or XLSX (with or without an HXL tag row,
through the canonical reader) or JSON records.

Every row keeps the line a person finds it on: for CSV/XLSX the line a spreadsheet shows (the
header is line 1, a tag row line 2); for JSON the record's number (the first record is 1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tracker.ingest.readers import FigureFile, InputFileError, read_figure_file

LINE = "@line"
JSON_LISTS = ("results", "data", "records", "items")


def read_source(path: Path) -> FigureFile:
    """The file's rows as text, with its tags, and the column ``@line`` saying where each is."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        file = _read_json(path)
        file.table[LINE] = range(1, len(file.table) + 1)
        return file
    file = read_figure_file(path)
    file.table = file.table.copy()
    file.table[LINE] = file.table.index.to_numpy() + 2
    return file


def _records(data: object, path: Path) -> list[dict]:
    if isinstance(data, dict):
        for key in JSON_LISTS:
            if isinstance(data.get(key), list):
                return data[key]
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return data
    raise InputFileError(f"{path}: a JSON file must hold a list of records (objects)")


def _cell(value: object) -> object:
    if value is None:
        return pd.NA
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip() or pd.NA


def _read_json(path: Path) -> FigureFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(f"{path}: not a readable JSON file ({exc})") from exc
    records = _records(data, path)
    if not records:
        raise InputFileError(f"{path}: the JSON file holds no records")
    table = pd.DataFrame([{k: _cell(v) for k, v in r.items()} for r in records]).astype("string")
    notice = f"read {len(table)} JSON records; a 'line' below is a record's number (first = 1)"
    return FigureFile(table, path, [notice])
