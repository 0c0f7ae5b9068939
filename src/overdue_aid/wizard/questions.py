"""The wizard's steps and questions, as data.

Every sentence (label, why it is asked, choice labels) is in locales/<lang>/wizard.toml under
`wizard.q.<step>.<key>.*`; answers are validated by flow.parse_answer with the project's parsers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of answer: how it is asked and which parser checks it.
KINDS = ("text", "multiline", "select", "checkbox", "confirm", "money", "rate", "number", "date", "datetime", "path",
         "group")

CAUSES = ("income_loss", "illness", "unexpected_expense", "too_many_debts", "forgot_autodebit", "platform_error",
          "disputed", "other")
PLAN_KINDS = ("full", "extension", "instalments", "pro_rata")
LETTER_TYPES = ("extension", "instalment", "waiver", "dispute", "conduct", "complaint", "phone-script")
LETTER_FORMATS = ("pdf", "docx", "md", "txt", "html")
CHANNELS = ("call", "sms", "app-chat", "wechat", "email", "letter", "visit", "other")
DIRECTIONS = ("incoming", "outgoing")
CONTACTED = ("me", "family", "employer", "colleague", "friend", "contacts-list", "other")
BUDGET_INCOME = ("income_earnings", "income_partner", "income_benefits", "income_other")
BUDGET_SPENDING = ("spend_housing", "spend_food", "spend_utilities", "spend_transport", "spend_children",
                   "spend_medical", "spend_insurance", "spend_other", "other_debt_payments", "savings")


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()  # allowed values of select/checkbox; labels at wizard.choice.<key>.<value>
    when: tuple[str, object] | None = None  # asked only when this other answer of the step has this value
    example: str | None = None  # a valid value, shown in the answers template
    fields: tuple["Question", ...] = ()  # for kind "group": the questions of each repeated entry


@dataclass(frozen=True)
class Step:
    id: str
    questions: tuple[Question, ...] = field(default_factory=tuple)
    skippable: bool = True


def _money(key: str, example: str = "0", required: bool = False) -> Question:
    return Question(key, "money", required=required, example=example)


STEPS: tuple[Step, ...] = (
    Step("welcome", (
        Question("lang", "select", required=True, choices=("zh", "en"), example="zh"),
        Question("jurisdiction", "select", required=True, choices=("cn", "us"), example="cn"),
    ), skippable=False),
    Step("check", (
        Question("message", "multiline", required=True,
                 example="【稳稳借】您的借款已逾期12天，应还5430.00元，请于今日在稳稳借App内还款。"),
        Question("received_at", "datetime", example="2026-03-13T09:30:00+08:00"),
        Question("sender", "text", example="10690000"),
    )),
    Step("case", (
        Question("case", "select", required=True, example="new"),  # "new" or an existing case number
        Question("lender", "text", required=True, when=("case", "new"), example="稳稳借"),
        Question("amount_due", "money", required=True, when=("case", "new"), example="5430.00"),
        Question("principal", "money", when=("case", "new"), example="5000"),
        Question("due_date", "date", when=("case", "new"), example="2026-03-01"),
        Question("late_rate", "rate", when=("case", "new"), example="日0.05%"),
        Question("account_ref", "text", when=("case", "new"), example="WW-2026-0042"),
        Question("borrower_name", "text", when=("case", "new"), example="王芳"),
    ), skippable=False),
    Step("analysis", (
        Question("causes", "checkbox", required=True, choices=CAUSES, example="income_loss"),
        Question("temporary", "confirm", example="false"),
        Question("people", "number", example="1"),
        _money("income_earnings", "6000", required=True),
        *(_money(key) for key in BUDGET_INCOME[1:]),
        _money("spend_housing", "1800"), _money("spend_food", "1500"), _money("spend_utilities", "300"),
        _money("spend_transport", "300"), _money("spend_children"), _money("spend_medical"),
        _money("spend_insurance"), _money("spend_other", "200"), _money("other_debt_payments"), _money("savings"),
    )),
    Step("plan", (
        Question("choice", "select", required=True, choices=PLAN_KINDS, example="instalments"),
    )),
    Step("letters", (
        Question("types", "checkbox", required=True, choices=LETTER_TYPES, example="instalment"),
        Question("formats", "checkbox", required=True, choices=LETTER_FORMATS, example="pdf"),
        Question("output_dir", "path", required=True, example="overdue-aid-files"),
    )),
    Step("evidence", (
        Question("log_message", "confirm", example="true"),
        Question("message_channel", "select", choices=CHANNELS, when=("log_message", True), example="sms"),
        Question("contacts", "group", fields=(
            Question("at", "datetime", required=True, example="2026-03-12T22:40:00+08:00"),
            Question("channel", "select", required=True, choices=CHANNELS, example="call"),
            Question("direction", "select", required=True, choices=DIRECTIONS, example="incoming"),
            Question("counterpart", "text", example="13800000000"),
            Question("contacted", "checkbox", choices=CONTACTED, example="me"),
            Question("summary", "text", example="催收电话，深夜打来"),
        )),
        Question("export", "confirm", example="true"),
        Question("bundle", "path", when=("export", True), example="overdue-aid-files/evidence.zip"),
    )),
    Step("summary", (), skippable=False),
)

STEP_IDS = tuple(step.id for step in STEPS)
STEP_BY_ID = {step.id: step for step in STEPS}


def question(step_id: str, key: str) -> Question:
    """One question of a step, by key."""
    for item in STEP_BY_ID[step_id].questions:
        if item.key == key:
            return item
    raise KeyError(f"{step_id}.{key}")
