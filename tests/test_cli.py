"""Command-line conventions shared by every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from overdue_aid import __version__


def run(*args: str, env: dict | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "OVERDUE_LANG")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "overdue_aid", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=60)


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"overdue-aid {__version__}"


def test_help_follows_lang_environment():
    chinese = run("--help", env={"LANG": "zh_CN.UTF-8"})
    english = run("--help", env={"LANG": "C"})
    assert chinese.returncode == english.returncode == 0
    assert "逾期助手" in chinese.stdout and "选项" in chinese.stdout
    assert "overdue-aid" in english.stdout and "逾期" not in english.stdout


def test_help_of_every_command_is_translated(cli):
    from typer.main import get_command

    from overdue_aid.cli import app

    root = get_command(app)
    paths = []
    for name in root.list_commands(None):
        paths.append([name])
        for sub in getattr(root.get_command(None, name), "commands", {}):
            paths.append([name, sub])
    for path in paths:
        result = cli(*path, "--help", "--lang", "zh")
        assert result.exit_code == 0, (path, result.stderr)
        assert "Show this message" not in result.stdout, path
        assert "显示本帮助" in result.stdout, path


def test_global_options_before_and_after_the_command(cli, saved_case):
    after = cli("case", "list", "--json", "--lang", "zh")
    before = cli("--json", "--lang", "zh", "case", "list")
    middle = cli("case", "--json", "list")
    assert after.exit_code == before.exit_code == middle.exit_code == 0
    assert json.loads(after.stdout) == json.loads(before.stdout) == json.loads(middle.stdout)


def test_data_dir_option_overrides_environment(cli, tmp_path):
    other = tmp_path / "elsewhere"
    result = cli("case", "new", "--no-input", "--lender", "A", "--amount-due", "10", "--data-dir", str(other))
    assert result.exit_code == 0, result.stderr
    assert (other / "overdue.db").exists()
    assert cli.json("case", "list") == []


def test_json_error_envelope_on_stdout_and_sentence_on_stderr(cli):
    result = cli("case", "show", "42", "--json")
    assert result.exit_code == 1
    envelope = json.loads(result.stdout)
    assert envelope["error"]["key"] == "errors.case.not_found"
    assert "42" in envelope["error"]["message"]
    assert "42" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_exit_2_in_the_users_language(cli):
    result = cli("case", "list", "--bogus", "--lang", "zh")
    assert result.exit_code == 2
    assert "没有 --bogus 这个选项" in result.stderr
    result = cli("case", "show", "not-a-number")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_unexpected_failure_is_one_line_unless_debug(cli, data_home):
    data_home.mkdir(parents=True)
    (data_home / "overdue.db").write_bytes(b"this is not a database" * 100)
    result = cli("case", "list")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "overdue.db" in result.stderr
    debug = cli("case", "list", "--debug")
    assert debug.exit_code != 0 and debug.exception is not None


def test_plain_output_when_not_a_terminal(saved_case):
    result = run("case", "list", env={"OVERDUE_HOME": os.environ["OVERDUE_HOME"]})
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "稳稳借" in result.stdout


def test_shell_completion_offers_commands():
    completed = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "overdue")], capture_output=True, text=True, timeout=60,
        env={**os.environ, "_OVERDUE_COMPLETE": "complete_bash", "COMP_WORDS": "overdue ca", "COMP_CWORD": "1"})
    assert "case" in completed.stdout.split()
