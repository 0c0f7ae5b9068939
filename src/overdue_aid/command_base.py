"""The typer plumbing every command shares.

- Global options (--lang, --data-dir, --json, --no-input, --debug) are accepted before the command name
  and after it: each OverdueCommand/OverdueGroup carries its own copy and hands the values to the one
  Settings object on the root context before its callback runs.
- Help text is given as catalog keys and translated when help is shown, so `--lang zh --help` works
  and no catalog is read at import time.
- OverdueError becomes one sentence on stderr in the user's language and its exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import typer
from typer._click.exceptions import ClickException
from typer.core import TyperCommand, TyperGroup, TyperOption

from .errors import OverdueError
from .settings import Settings

GLOBAL_OPTION_NAMES = ("lang", "data_dir", "json_output", "no_input", "debug")


def _global_options() -> list[TyperOption]:
    from typer._types import TyperChoice as Choice

    return [
        TyperOption(param_decls=["--lang", "lang"], type=Choice(["zh", "en"]), default=None,
                    help="options.lang", expose_value=True),
        TyperOption(param_decls=["--data-dir", "data_dir"], type=str, default=None, metavar="PATH",
                    help="options.data_dir"),
        TyperOption(param_decls=["--json", "json_output"], is_flag=True, default=False, help="options.json"),
        TyperOption(param_decls=["--no-input", "no_input"], is_flag=True, default=False, help="options.no_input"),
        TyperOption(param_decls=["--debug", "debug"], is_flag=True, default=False, help="options.debug"),
    ]


def _take_global_options(ctx: Any) -> None:
    settings = Settings.from_context(ctx)
    values = {name: ctx.params.pop(name, None) for name in GLOBAL_OPTION_NAMES}
    values["json"] = values.pop("json_output")
    settings.apply(**values)


def _report(ctx: Any, err: OverdueError) -> None:
    settings = Settings.from_context(ctx)
    message = err.message()
    if settings.json:
        from .output import to_json

        sys.stdout.write(to_json({"error": {"key": err.key, "message": message}}) + "\n")
    from .i18n import t

    sys.stderr.write(t("errors.prefix", message=message) + "\n")


def _run_guarded(ctx: Any, invoke: Callable[[], Any]) -> Any:
    try:
        return invoke()
    except OverdueError as err:
        if Settings.from_context(ctx).debug:
            raise
        _report(ctx, err)
        raise typer.Exit(err.exit_code) from None
    except KeyboardInterrupt:
        from .i18n import t

        sys.stderr.write("\n" + t("errors.interrupted") + "\n")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, ClickException):
        raise
    except Exception as err:  # a bug of ours: one line for the user, the traceback with --debug
        if Settings.from_context(ctx).debug:
            raise
        from .i18n import t

        sys.stderr.write(t("errors.prefix", message=t("errors.internal", detail=f"{type(err).__name__}: {err}")) + "\n")
        raise typer.Exit(1) from None


class OverdueCommand(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_global_options())

    def invoke(self, ctx: Any) -> Any:
        _take_global_options(ctx)
        return _run_guarded(ctx, lambda: super(OverdueCommand, self).invoke(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        localise_help(ctx)
        super().format_help(ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _localised_help_option(self, ctx)


def _option_from_args(args: list[str], option: str) -> str | None:
    """The value of a global option anywhere before `--` (read before typer parses anything)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == option and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


def language_from_args(args: list[str]) -> str | None:
    """--lang anywhere before `--`, so help and usage errors are already in the user's language."""
    from .i18n import normalise_language

    return normalise_language(_option_from_args(args, "--lang"))


def _cache_catalogs(args: list[str]) -> None:
    """Parsed catalogs are kept in the data dir's cache folder (when the data dir exists: help alone does not
    create it), from the first catalog read on — even the help option's text, read while parsing."""
    from .derived_cache import use_folder
    from .settings import default_data_dir

    given = _option_from_args(args, "--data-dir")
    data_dir = Path(given).expanduser() if given else default_data_dir()
    use_folder(data_dir / "cache" if data_dir.is_dir() else None)


def _usage_message(err: Any) -> str:
    """Click's usage errors, said in the user's language."""
    from typer._click import exceptions

    from .i18n import t

    ctx = getattr(err, "ctx", None)
    if isinstance(err, exceptions.NoSuchOption):
        text = t("errors.usage.no_such_option", option=err.option_name)
    elif isinstance(err, exceptions.MissingParameter):
        hint = err.param.get_error_hint(ctx) if err.param is not None and ctx is not None else ""
        text = t("errors.usage.missing", param=hint or "?")
    elif isinstance(err, exceptions.BadParameter):
        hint = err.param.get_error_hint(ctx) if err.param is not None and ctx is not None else ""
        text = t("errors.usage.bad_value", param=hint or "?", detail=err.message)
    else:
        text = t("errors.usage.generic", detail=err.format_message())
    if ctx is not None:
        text += "\n" + t("errors.usage.hint", command=f"{ctx.command_path} --help")
    return text


class OverdueGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_global_options())

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Entry of the root command (console script and CliRunner alike)."""
        from typer._click import exceptions
        from typer.exceptions import Abort

        from .i18n import language_from_environment, set_language, t

        args = list(sys.argv[1:] if args is None else args)
        set_language(language_from_args(args) or language_from_environment())
        _cache_catalogs(args)
        if prog_name is None:
            prog_name = "overdue"
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except exceptions.ClickException as err:
            sys.stderr.write(t("errors.prefix", message=_usage_message(err)) + "\n")
            sys.exit(err.exit_code)
        except Abort:
            sys.stderr.write("\n" + t("errors.interrupted") + "\n")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def get_help_option(self, ctx: Any) -> Any:
        return _localised_help_option(self, ctx)

    def invoke(self, ctx: Any) -> Any:
        _take_global_options(ctx)
        return _run_guarded(ctx, lambda: super(OverdueGroup, self).invoke(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        localise_help(ctx)
        super().format_help(ctx, formatter)


class LazyRootGroup(OverdueGroup):
    """The root group: a capability's module is imported only when one of its commands runs.

    `lazy_commands` maps a command name to the module (under overdue_aid) whose commands.py has
    register(app). Start-up stays as fast as a bare typer app however many capabilities there are.
    """

    lazy_commands: dict[str, str] = {}

    def _load(self, name: str) -> None:
        import importlib

        from typer.main import get_group

        module = importlib.import_module(f"overdue_aid.{self.lazy_commands[name]}.commands")
        holder = OverdueTyper()
        module.register(holder)
        for command_name, command in get_group(holder).commands.items():
            self.commands.setdefault(command_name, command)

    def _available(self, name: str) -> bool:
        from importlib.util import find_spec

        try:
            return find_spec(f"overdue_aid.{self.lazy_commands[name]}.commands") is not None
        except ModuleNotFoundError:
            return False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands and self._available(cmd_name):
            self._load(cmd_name)
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        eager = [name for name in self.commands if name not in self.lazy_commands]
        return [name for name in self.lazy_commands if name in self.commands or self._available(name)] + eager

    def load_all(self) -> None:
        for name in self.list_commands(None):
            self.get_command(None, name)


class OverdueTyper(typer.Typer):
    """A Typer whose groups and commands understand the global options."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", OverdueGroup)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("add_completion", False)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, *, cls: type | None = None, **kwargs: Any):  # type: ignore[override]
        return super().command(name, cls=cls or OverdueCommand, **kwargs)


_COMPLETION_HELP = {
    "install_completion": "options.install_completion",
    "show_completion": "options.show_completion",
    "help": "options.help",
    "version": "options.version",
}


def _localise_command(command: Any, translate: Callable[[str], str | None]) -> None:
    for attr in ("help", "short_help"):
        original = getattr(command, f"_{attr}_key", None) or getattr(command, attr, None)
        if original:
            translated = translate(original)
            if translated is not None:
                setattr(command, f"_{attr}_key", original)
                setattr(command, attr, translated)
    for param in getattr(command, "params", []):
        key = getattr(param, "_help_key", None) or _COMPLETION_HELP.get(param.name or "") or getattr(param, "help", None)
        if key:
            translated = translate(key)
            if translated is not None:
                param._help_key = key
                param.help = translated
    for sub in getattr(command, "commands", {}).values():
        _localise_command(sub, translate)


def _localised_help_option(command: Any, ctx: Any) -> Any:
    option = TyperCommand.get_help_option(command, ctx) if isinstance(command, TyperCommand) else TyperGroup.get_help_option(command, ctx)
    if option is not None:
        from .i18n import t

        option.help = t("options.help")
    return option


def localise_help(ctx: Any) -> None:
    """Swap catalog keys in help texts for the current language's sentences (idempotent)."""
    from .i18n import current_language, has_key, t

    lang = current_language()

    def translate(key: str) -> str | None:
        return t(key, lang=lang) if has_key(key, lang) else None

    root = ctx.find_root()
    if isinstance(root.command, LazyRootGroup):
        root.command.load_all()
    _localise_command(root.command, translate)
    try:
        from typer import rich_utils

        rich_utils.ARGUMENTS_PANEL_TITLE = t("help.arguments")
        rich_utils.OPTIONS_PANEL_TITLE = t("help.options")
        rich_utils.COMMANDS_PANEL_TITLE = t("help.commands")
        rich_utils.DEFAULT_STRING = t("help.default")
        rich_utils.REQUIRED_LONG_STRING = t("help.required")
        rich_utils.ERRORS_PANEL_TITLE = t("help.error")
        rich_utils.RICH_HELP = t("help.try_help")
    except ImportError:  # pragma: no cover - rich is a dependency
        pass


def prompt_text(label: str, *, default: str | None = None, validate: Callable[[str], Any] | None = None,
                required: bool = False) -> Any:
    """Ask for one value on the terminal (or piped stdin), re-asking until `validate` accepts it.

    Returns validate(answer) (or the raw answer); an empty optional answer gives None.
    """
    from .i18n import t

    while True:
        sys.stderr.write(f"{label}" + (f" [{default}]" if default else "") + ": ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if line == "":
            raise OverdueError("errors.input_ended", exit_code=2)
        answer = line.strip() or (default or "")
        if not answer:
            if required:
                sys.stderr.write(t("errors.required_answer") + "\n")
                continue
            return None
        if validate is None:
            return answer
        try:
            return validate(answer)
        except OverdueError as err:
            sys.stderr.write(t("errors.prefix", message=err.message()) + "\n")
