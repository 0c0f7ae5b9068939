"""`overdue check` through the real command line (typer's CliRunner)."""

from __future__ import annotations

import json

SCAM = "【易借花】您的账户已冻结，请添加专员微信 yjh_kf01 并提供收到的验证码解冻。"
REMINDER = "Coastline Credit: your payment of $412.18 is 4 days late. Pay in the Coastline app."


def test_text_argument_with_json_gives_the_spec_object(cli):
    data = cli.json("check", SCAM)
    assert data["kind"] == "scam"
    assert {"contact_redirect", "credential_request"} <= set(data["tags"])
    assert all(finding["excerpt"] in SCAM for finding in data["findings"])
    assert data["advice"][0].startswith("Do not pay")


def test_human_panel_in_chinese_names_verdict_findings_and_next_steps(cli):
    result = cli("check", SCAM, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "疑似诈骗" in out and "索要验证码" in out and "现在怎么做" in out
    assert "不是法律意见" in out and "12378" in out
    assert "不要付款" in out.split("现在怎么做")[1].split("\n", 2)[1]


def test_human_panel_in_english_for_a_chinese_message(cli):
    result = cli("check", "您本期账单980元明天到期，请登录App还款。", "--lang", "en")
    assert result.exit_code == 0
    assert "A payment reminder" in result.stdout and "not legal advice" in result.stdout


def test_stdin_and_file_inputs(cli, tmp_path):
    data = json.loads(cli("check", "-", "--json", input=REMINDER).stdout)
    assert data["kind"] == "reminder" and data["facts"]["amount_due"] == "412.18"
    path = tmp_path / "message.txt"
    path.write_text(REMINDER, "utf-8")
    assert cli.json("check", "--file", str(path))["facts"]["currency"] == "USD"


def test_received_at_and_jurisdiction_options(cli):
    data = cli.json("check", REMINDER, "--received-at", "2026-03-02T21:30:00-05:00", "--jurisdiction", "us")
    assert data["tags"] == ["odd_hours"] and data["kind"] == "abusive"
    data = cli.json("check", REMINDER, "--received-at", "2026-03-02T21:30:00-05:00", "--jurisdiction", "cn")
    assert data["tags"] == []


def test_bad_input_exits_2_with_a_sentence(cli, tmp_path):
    for args in (["check"], ["check", "   "], ["check", "hi", "--jurisdiction", "uk"],
                 ["check", "hi", "--received-at", "yesterday-ish"], ["check", "hi", "--file", str(tmp_path / "x")],
                 ["check", "--batch", str(tmp_path / "missing.jsonl")]):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr and result.stderr.startswith("Error:")
    result = cli("check", "hi", "--lang", "zh")
    assert result.exit_code == 0


def test_no_message_is_explained_in_chinese(cli):
    result = cli("check", "--lang", "zh")
    assert result.exit_code == 2 and "请给出要检查的消息" in result.stderr


def _write_batch(path, lines):
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_batch_keeps_order_reports_bad_lines_and_exits_1(cli, tmp_path):
    batch = _write_batch(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": SCAM}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "lang": "en"}),
        "",
        json.dumps({"text": REMINDER, "received_at": "2026-03-02T23:00:00-05:00"}),
        json.dumps({"id": "e", "text": "hi", "received_at": "soon"}),
        json.dumps(["not", "an", "object"]),
    ])
    result = cli("check", "--batch", str(batch), "--json")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["id"] for record in records] == ["a", 2, "c", 5, "e", 7]
    assert records[0]["kind"] == "scam"
    assert "error" in records[1] and "line 2" in records[1]["error"]
    assert "text" in records[2]["error"]
    assert records[3]["tags"] == ["odd_hours"]
    assert "error" in records[4] and "error" in records[5]
    assert all("\n" not in line and ": " not in line[:20] for line in result.stdout.splitlines())
    assert "4 of 6" in result.stderr


def test_batch_from_stdin_without_errors_exits_0(cli):
    lines = "\n".join(json.dumps({"id": n, "text": text}, ensure_ascii=False)
                      for n, text in enumerate([REMINDER, SCAM, "周末一起吃饭吗？"]))
    result = cli("check", "--batch", "-", input=lines)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["kind"] for line in result.stdout.splitlines()] == ["reminder", "scam", "other"]


def test_batch_refuses_single_message_options(cli, tmp_path):
    batch = _write_batch(tmp_path / "in.jsonl", [json.dumps({"text": "hi"})])
    result = cli("check", "--batch", str(batch), "--sender", "10086")
    assert result.exit_code == 2
    result = cli("check", "hello", "--batch", str(batch))
    assert result.exit_code == 2


def test_batch_advice_follows_lang(cli, tmp_path):
    batch = _write_batch(tmp_path / "in.jsonl", [json.dumps({"text": REMINDER})])
    result = cli("check", "--batch", str(batch), "--lang", "zh")
    assert "不要借新贷还旧贷" in json.loads(result.stdout)["advice"][-2]


def test_compiled_packs_are_cached_privately_and_a_broken_cache_is_ignored(cli, data_home):
    import stat

    from overdue_aid.check import packs

    packs.compiled.cache_clear()  # as in a fresh process
    try:
        assert cli.json("check", SCAM)["kind"] == "scam"
        cached = list((data_home / "cache").glob("check-rules-*.pickle"))
        assert len(cached) == 1
        assert stat.S_IMODE(cached[0].stat().st_mode) == 0o600
        packs.compiled.cache_clear()
        cached[0].write_bytes(b"not a pickle")
        assert cli.json("check", SCAM)["kind"] == "scam"
    finally:
        packs.compiled.cache_clear()
