"""Case export to TOML (tomli-w) and import back, validating every field before anything is saved."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import bad_input
from ..store.files import atomic_write_text, read_text_file
from .models import SPEC_BY_NAME, Case, build_case

FORMAT = "overdue-aid/case"
VERSION = 1


def case_to_toml_data(case: Case) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name in SPEC_BY_NAME:
        value = getattr(case, name)
        if value is None:
            continue  # TOML has no null: an absent key means unknown
        body[name] = format(value, "f") if isinstance(value, Decimal) else value
    if case.created_at:
        body["created_at"] = case.created_at
    return {"format": FORMAT, "version": VERSION, "case": body}


def case_to_toml(case: Case) -> str:
    import tomli_w

    return tomli_w.dumps(case_to_toml_data(case))


def export_case(case: Case, target: Path, *, overwrite: bool = False, extra: dict[str, Any] | None = None) -> Path:
    """Write the case (and any extra sections other capabilities add) atomically."""
    import tomli_w

    data = case_to_toml_data(case)
    if extra:
        data.update(extra)
    return atomic_write_text(Path(target), tomli_w.dumps(data), overwrite=overwrite, mode=0o600)


def parse_case_document(text: str, *, source: str = "TOML") -> tuple[Case, dict[str, Any]]:
    """Validate a case document; return the case and its other sections (for later capabilities)."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise bad_input("errors.toml.malformed", source=source, detail=str(err)) from None
    if document.get("format", FORMAT) != FORMAT:
        raise bad_input("errors.toml.wrong_format", source=source, value=str(document.get("format")))
    body = document.get("case")
    if not isinstance(body, dict):
        raise bad_input("errors.toml.no_case", source=source)
    values: dict[str, Any] = {}
    for name, raw in body.items():
        if name == "created_at":
            if not isinstance(raw, datetime) or raw.tzinfo is None:
                raise bad_input("errors.toml.wrong_type", source=source, field=f"case.{name}", expected=_expected("datetime"))
            values[name] = raw
            continue
        spec = SPEC_BY_NAME.get(name)
        if spec is None:
            raise bad_input("errors.toml.unknown_field", source=source, field=f"case.{name}")
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float, date)) or isinstance(raw, datetime):
            raise bad_input("errors.toml.wrong_type", source=source, field=f"case.{name}", expected=_expected("string"))
        if isinstance(raw, date) and name != "due_date":
            raise bad_input("errors.toml.wrong_type", source=source, field=f"case.{name}", expected=_expected("string"))
        if isinstance(raw, (int, float)) and name not in ("amount_due", "principal", "fees", "late_rate"):
            raise bad_input("errors.toml.wrong_type", source=source, field=f"case.{name}", expected=_expected("string"))
        values[name] = raw if isinstance(raw, date) else spec.parse(str(raw), f"case.{name}")
    missing = [name for name in ("lender", "amount_due", "currency", "jurisdiction", "letter_lang") if name not in values]
    if missing:
        raise bad_input("errors.toml.missing_fields", source=source, fields=", ".join(f"case.{m}" for m in missing))
    extra = {key: value for key, value in document.items() if key not in ("format", "version", "case")}
    return build_case(values), extra


def read_case_file(path: Path) -> tuple[Case, dict[str, Any]]:
    return parse_case_document(read_text_file(Path(path)), source=str(path))


def _expected(kind: str) -> str:
    from ..i18n import t

    return t(f"case.type.{kind}")
