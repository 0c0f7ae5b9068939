"""Short answers people type at a prompt or in an answers file, in English or Chinese."""

from __future__ import annotations

from .errors import bad_input

_YES = frozenset({"y", "yes", "true", "1", "是", "是的", "对", "好", "有", "会", "会的"})
_NO = frozenset({"n", "no", "false", "0", "否", "不", "不是", "不要", "没有", "不会"})


def parse_yes_no(text: object, field: str) -> bool:
    """yes/no (y, 是, 对 …) as a bool; anything else is bad input (exit 2) naming the field."""
    if isinstance(text, bool):
        return text
    normal = str(text).strip().lower()
    if normal in _YES:
        return True
    if normal in _NO:
        return False
    raise bad_input("errors.field.yes_no", field=field, value=str(text))
