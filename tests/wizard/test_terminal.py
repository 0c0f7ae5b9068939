"""The interactive wizard in a real pseudo-terminal (questionary needs one), in English and Chinese."""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

from overdue_aid.check.core import check_message

ESC_ENTER = "\x1b\r"  # ends a multi-line answer (Enter alone starts a new line)
CLEAR = "\x15"  # Ctrl-U: drop the suggested text before typing
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

# Multi-line scam messages, pasted line by line: payment to a private account, a false threat of arrest.
ENGLISH_SCAM = ("ACME Loans Legal Department", "Your account is 12 days late. To avoid arrest today,",
                "pay $1,250.00 by gift cards or Zelle to our agent at 202-555-0199.", "Do not call ACME directly.")
CHINESE_SCAM = ("【稳稳借】您的借款已逾期，已被法院立案。", "私下调解请今天把5430元转到专员个人账户：6228 0000 2222 3333 李某",
                "不要联系稳稳借客服。")


def paste(lines: tuple[str, ...]) -> str:
    return "\r".join(lines) + ESC_ENTER


def flat(text: str) -> str:
    """What the terminal showed, without escape codes and without the line breaks rich wraps anywhere."""
    return "".join(ANSI.sub("", text).split())


def assert_safety_first(output: str, lines: tuple[str, ...], jurisdiction: str, lang: str, headings: tuple[str, ...]
                        ) -> None:
    """The real message check's verdict is shown: a scam, its safety steps before what was found and the rest."""
    verdict = check_message("\n".join(lines), jurisdiction=jurisdiction)
    assert verdict.kind == "scam"
    advice = verdict.advice(lang)
    shown = flat(output)
    positions = [shown.index(flat(text)) for text in (*headings[:2], advice[0], headings[2], headings[3], advice[-1])]
    assert positions == sorted(positions), positions


def spawn(home: Path, cwd: Path, *args: str) -> pexpect.spawn:
    env = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(OVERDUE_HOME=str(home), NO_COLOR="1", TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    return pexpect.spawn(sys.executable, ["-m", "overdue_aid", "wizard", *args], env=env, cwd=str(cwd),
                         encoding="utf-8", timeout=20, dimensions=(50, 200))


QMARK = re.compile(r"\?\x1b\[0;1m ")  # questionary has drawn a prompt
RETYPE = {r"is not an amount we understand"}  # a refused answer: the same prompt waits for a new one
NAV = r"(What would you like to do\?|接下来怎么做？)(\x1b\[[0-9;]*m|\s)*\(Use arrow keys\)"


def answer_all(child: pexpect.spawn, replies: list[tuple[str, object]], *, stop_at: str | None = None) -> str:
    """Answer each question by the 'why' line printed once before it; a reply may be a list used in turn.

    The navigation menu is recognised by its active hint; a prompt is answered only once it is drawn.
    """
    patterns = [re.compile(NAV)] + [re.compile(pattern) for pattern, _ in replies]
    if stop_at:
        patterns.append(re.compile(stop_at))
    patterns.append(pexpect.EOF)
    used: dict[int, int] = {}
    seen = []
    while True:
        index = child.expect(patterns)
        if patterns[index] is pexpect.EOF:
            return "".join(seen) + child.before
        seen.append(child.before + child.after)
        if stop_at and index == len(replies) + 1:
            return "".join(seen)
        if index == 0:
            child.send("\r")
            continue
        pattern, reply = replies[index - 1]
        if pattern not in RETYPE:  # a 'why' line: wait until its prompt is drawn
            child.expect(QMARK)
            seen.append(child.before + child.after)
        if isinstance(reply, list):
            turn = used.get(index, 0)
            used[index] = turn + 1
            reply = reply[min(turn, len(reply) - 1)]
        child.send(reply)


ENGLISH = [
    (r"All questions, letters and advice will use it", "\r"),
    (r"Collection rules and help lines differ", "\r"),
    (r"We check it for scam signs", paste(ENGLISH_SCAM)),
    (r"Contact late at night", CLEAR + "2026-03-12 21:45\r"),
    (r"Unusual numbers are a common scam sign", "\r"),
    (r"Everything that follows is saved with this debt", "\r"),
    (r"Letters are addressed to them", CLEAR + "ACME Loans\r"),
    (r"The plan and the letters start from this amount", CLEAR + "a lot\r"),
    (r"is not an amount we understand", CLEAR + "$1,250.00\r"),
    (r"It shows how long the debt is overdue", CLEAR + "March 1, 2026\r"),
    (r"A letter must say who it is from", "Jane Doe\r"),
    (r"(Interest may only be charged|It shows what waiting costs, and whether|The lender finds your account)", "\r"),
    (r"A one-off shock suits an extension", " \r"),  # tick the first cause (income fell)
    (r"A short problem suits a short extension", "n"),
    (r"What you can offer depends on what comes in", "3200\r"),
    (r"Essentials come first; only what is left", "1300\r"),
    (r"(It helps judge whether|Household income counts|All income counts|Essentials come first\.|All your debts share"
     r"|A small buffer helps)", "\r"),
    (r"The letters will propose this plan", "\r"),
    (r"(These were chosen from your situation|PDF to print or send|You will find your letters)", "\r"),
    (r"(A dated, tamper-evident record|The log records the channel)", "\r"),
    (r"Every contact counts for the rules", ["y", "n"]),
    (r"Times decide whether", "2026-03-12 21:30\r"),
    (r"(Calls, messages and visits follow|Only contacts from the collector|Limits are counted per number"
     r"|A short note helps)", "\r"),
    (r"Contacting family, friends or your employer", " \r"),
    (r"(The bundle is what you hand|Choose a place you will find)", "\r"),
]


def test_english_run_in_a_terminal_validates_at_the_prompt_and_saves_its_answers(cli, data_home, tmp_path,
                                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rerun below writes its files relative to the working folder
    child = spawn(data_home, tmp_path, "--lang", "en")
    output = answer_all(child, ENGLISH)
    child.close()
    assert child.exitstatus == 0, output[-2000:]
    assert "Step 1 of 8: Welcome" in output and "Step 3 of 8: Your debt" in output and "Step 8 of 8" in output
    assert "Why we ask:" in output and "offline" in output
    assert_safety_first(output, ENGLISH_SCAM, "us", "en",
                        ("This looks like a SCAM", "Safety first", "What we found", "What to do now"))
    assert "is not an amount we understand" in output  # refused at the prompt by the money parser
    assert "What to do next" in output and "not legal advice" in output
    cases = cli.json("case", "list")
    assert [(case["lender"], case["amount_due"], case["currency"], case["due_date"]) for case in cases] == \
        [("ACME Loans", "1250.00", "USD", "2026-03-01")]
    saved = tomllib.loads((data_home / "wizard" / "answers.toml").read_text("utf-8"))
    assert saved["case"]["amount_due"] == "$1,250.00" and saved["welcome"] == {"lang": "en", "jurisdiction": "us"}
    assert saved["check"]["message"] == "\n".join(ENGLISH_SCAM)  # the paste kept its lines
    assert "conduct" not in saved["letters"]["types"]  # a scam is not the lender's doing: no conduct letter offered
    assert not (data_home / "wizard" / "progress.json").exists()
    # the saved answers run again without a single question (elsewhere: the files it names exist here)
    (tmp_path / "again").mkdir()
    monkeypatch.chdir(tmp_path / "again")
    again = cli("wizard", "--answers", str(data_home / "wizard" / "answers.toml"), "--no-input", "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["case_id"] == 2


CHINESE_WELCOME = [
    (r"All questions, letters and advice will use it|后面的问题、信件和建议都会用这种语言", "\r"),
    (r"中国大陆和美国的催收规则", "\r"),
]
CHINESE_REST = [
    (r"我们会在本机离线检查", paste(CHINESE_SCAM)),
    (r"(深夜或清晨联系可能违规|奇怪的号码常是诈骗信号)", "\r"),
    (r"后面的内容都会保存在这笔欠款下面", "\r"),
    (r"协商信要写给他们", CLEAR + "稳稳借\r"),
    (r"还款计划和协商信都从这个金额算起", CLEAR + "1.2万\r"),
    (r"可以算出逾期多久", CLEAR + "2026年3月1日\r"),
    (r"(利息只能按你实际拿到的钱计算|可以算出拖下去的代价|对方能更快找到你的账户|信上要写明是谁寄的)", "\r"),
    (r"一次性的意外适合申请延期", " \r"),
    (r"短期困难适合短期延期", "y"),
    (r"你能拿出多少，取决于每月进账多少", "6000\r"),
    (r"先保证必要开支，剩下的才用来还债", "1500\r"),
    (r"(用来判断必要开支是否合理|家里共同的收入也算在内|所有收入都要算进来|先保证必要开支。|剩下的钱要在所有债务之间分配"
     r"|留一点余地)", "\r"),
    (r"协商信会把这个方案提给出借方", "\r"),
    (r"(这些是根据你的情况预先选好的|PDF 方便打印和发送|你的信和证据都会放在那里)", "\r"),
    (r"(带日期、不可篡改的记录可以支持投诉|证据记录要写明每次联系的方式|选一个你以后找得到的地方)", "\r"),
    (r"每一次联系都和时间、频率", "n"),
    (r"向监管部门或律师提交时", "n"),
]


def test_chinese_run_stopped_with_ctrl_c_keeps_progress_and_resumes(cli, data_home, tmp_path):
    child = spawn(data_home, tmp_path, "--lang", "zh")
    answer_all(child, CHINESE_WELCOME, stop_at=r"第 2 步，共 8 步")
    child.expect(NAV)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert "进度已保存" in child.before and "--resume" in child.before
    assert child.exitstatus == 130
    progress = json.loads((data_home / "wizard" / "progress.json").read_text("utf-8"))
    assert progress["step"] >= 1 and progress["answers"]["welcome"] == {"lang": "zh", "jurisdiction": "cn"}
    assert oct((data_home / "wizard" / "progress.json").stat().st_mode & 0o777) == "0o600"

    child = spawn(data_home, tmp_path, "--resume")
    output = answer_all(child, CHINESE_REST)
    child.close()
    assert child.exitstatus == 0, output[-2000:]
    assert "第 1 步" not in output and "第 3 步，共 8 步" in output
    assert_safety_first(output, CHINESE_SCAM, "cn", "zh", ("这很像诈骗", "安全第一", "发现的问题", "现在该做什么"))
    assert "接下来做什么" in output and "不构成法律意见" in output
    case = cli.json("case", "list")[0]
    assert (case["lender"], case["amount_due"], case["letter_lang"]) == ("稳稳借", "12000.00", "zh")


def test_back_returns_to_the_previous_step(data_home, tmp_path):
    child = spawn(data_home, tmp_path, "--lang", "en")
    answer_all(child, ENGLISH[:2], stop_at=r"Step 2 of 8")
    child.expect(NAV)
    child.send("\x1b[A\r")  # up from "Continue" wraps to the last choice, "Go back to the previous step"
    child.expect(r"Step 1 of 8")
    child.expect(ENGLISH[0][0])
    child.expect(QMARK)  # Ctrl-C once the prompt is drawn: a key the prompt reads, not a signal mid-set-up
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
