"""One error type for every problem the user can act on."""

from __future__ import annotations


class OverdueError(Exception):
    """A problem the user can act on; `key` names its sentence in locales/*/errors.toml.

    exit_code 2 means the input was wrong (bad usage, bad data); 1 means we failed.
    """

    def __init__(self, key: str, *, exit_code: int = 1, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.exit_code = exit_code
        self.params = params

    def message(self) -> str:
        """The sentence in the current language."""
        from .i18n import t

        return t(self.key, **self.params)


def bad_input(key: str, **params: object) -> OverdueError:
    """An error in what the user gave us: exit status 2."""
    return OverdueError(key, exit_code=2, **params)


def missing_input(fields: list[str]) -> OverdueError:
    """Everything a --no-input run lacked, in one message (exit 2)."""
    return OverdueError("errors.missing_input", exit_code=2, fields=", ".join(fields))
