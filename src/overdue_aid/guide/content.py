"""What to do, what collectors may and may not do, and whom to call: plain data in the user's language.

The structure (which rules, their status and source reliability, the phone numbers) is data here; every
sentence is in locales/<lang>/guide.toml. The legal content follows /work/shared/reference: each rule
names its source in the short form of rules-map.md, and nothing marked [unverified] there is stated as law.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import t, t_list

JURISDICTIONS = ("cn", "us")
# The order of the guide: verify first, then talk to the lender, then help, privacy, a plan, no repeat.
GUIDE_STEPS = ("verify", "contact", "help", "privacy", "plan", "prevent")
# When the reference sheets were checked (cn.md / us.md: "corpus snapshot, early 2026").
DATA_DATE = "2026-02"
# Status of a rule, as the evidence statistics name it (rules-map.md §2).
STATUSES = ("law", "regulation", "self-regulatory", "standard")


@dataclass(frozen=True)
class Rule:
    id: str
    allowed: bool  # True: collectors may do this; False: they may not
    status: str  # one of STATUSES
    reported: bool = False  # the reference sheet knows it only from secondary sources ([secondary])


@dataclass(frozen=True)
class Channel:
    id: str
    contact: str  # a number, an app or a web address: the same in every language
    mark: str  # confirmed | secondary | unverified | general, as in the reference sheets


RULES: dict[str, tuple[Rule, ...]] = {
    "cn": (
        Rule("remind", True, "law"),
        Rule("credit_report", True, "regulation"),
        Rule("sue", True, "law"),
        Rule("late_interest", True, "law"),
        Rule("threats", False, "law"),
        Rule("insults", False, "law"),
        Rule("disturbance", False, "law"),
        Rule("disclosure", False, "law"),
        Rule("impersonation", False, "law"),
        Rule("upfront_interest", False, "law"),
        Rule("private_loan_cap", False, "law"),
        Rule("old_records", False, "regulation"),
        Rule("night_contact", False, "self-regulatory", reported=True),
        Rule("night_contact_online", False, "standard", reported=True),
        Rule("call_attempts", False, "self-regulatory", reported=True),
        Rule("connected_calls", False, "standard", reported=True),
        Rule("third_parties", False, "self-regulatory", reported=True),
        Rule("fake_blacklists", False, "self-regulatory", reported=True),
    ),
    "us": (
        Rule("contact_hours_ok", True, "law"),
        Rule("location_calls", True, "law"),
        Rule("credit_report", True, "regulation"),
        Rule("sue", True, "regulation"),
        Rule("odd_hours", False, "law"),
        Rule("seven_in_seven", False, "regulation"),
        Rule("third_parties", False, "law"),
        Rule("harassment", False, "law"),
        Rule("arrest_threats", False, "law"),
        Rule("impersonation", False, "law"),
        Rule("unauthorised_amounts", False, "law"),
        Rule("cease", False, "law"),
        Rule("validation", False, "law"),
        Rule("time_barred", False, "regulation"),
        Rule("social_media", False, "regulation"),
        Rule("opt_out", False, "regulation"),
    ),
}

# Caveats of rules-map.md §3 that apply to each jurisdiction, in that order.
CAVEATS: dict[str, tuple[str, ...]] = {
    "cn": ("not_advice", "rules_change", "cn_guidelines", "not_a_crime", "old_debts", "cn_rate_caps", "scams"),
    "us": ("not_advice", "rules_change", "us_fdcpa_scope", "not_a_crime", "old_debts", "scams"),
}

# Whom to call, in the order the reference advises: the lender's own channel, the regulators, then the police.
CHANNELS: dict[str, tuple[Channel, ...]] = {
    "cn": (
        Channel("lender", "", "general"),
        Channel("12378", "12378", "secondary"),
        Channel("12363", "12363", "secondary"),
        Channel("110", "110", "general"),
        Channel("96110", "96110", "secondary"),
        Channel("fanzha_app", "国家反诈中心 App", "secondary"),
        Channel("credit_objection", "", "confirmed"),
        Channel("12348", "12348", "unverified"),
        Channel("12315", "12315", "unverified"),
        Channel("12321", "12321", "unverified"),
    ),
    "us": (
        Channel("lender", "", "general"),
        Channel("cfpb", "(855) 411-2372 · https://www.consumerfinance.gov/complaint/", "secondary"),
        Channel("ftc", "https://reportfraud.ftc.gov", "unverified"),
        Channel("state_ag", "", "general"),
        Channel("legal_aid", "", "general"),
        Channel("police", "911", "general"),
    ),
}


def _check_jurisdiction(jurisdiction: str) -> str:
    from ..errors import bad_input

    value = (jurisdiction or "").strip().lower()
    if value not in JURISDICTIONS:
        raise bad_input("guide.errors.jurisdiction", value=jurisdiction, options=", ".join(JURISDICTIONS))
    return value


def guide_steps(lang: str | None = None) -> dict:
    """The steps to take, in order, with a note that this is not legal advice."""
    steps = [{"id": step, "number": index, "title": t(f"guide.steps.{step}.title", lang=lang),
              "points": t_list(f"guide.steps.{step}.points", lang=lang)}
             for index, step in enumerate(GUIDE_STEPS, start=1)]
    return {"title": t("guide.guide.title", lang=lang), "intro": t("guide.guide.intro", lang=lang),
            "steps": steps, "never": t_list("guide.guide.never", lang=lang),
            "disclaimer": t("guide.caveats.not_advice", lang=lang)}


def _rule_entry(jurisdiction: str, rule: Rule, lang: str | None) -> dict:
    base = f"guide.rights.{jurisdiction}.{rule.id}"
    return {"id": rule.id, "text": t(f"{base}.text", lang=lang), "source": t(f"{base}.source", lang=lang),
            "status": rule.status, "status_label": t(f"guide.status.{rule.status}", lang=lang),
            "reported": rule.reported}


def caveats(jurisdiction: str, lang: str | None = None) -> list[str]:
    """The caveats of rules-map.md §3 for one jurisdiction."""
    jurisdiction = _check_jurisdiction(jurisdiction)
    return [t(f"guide.caveats.{name}", lang=lang, date=DATA_DATE) for name in CAVEATS[jurisdiction]]


def collector_rights(jurisdiction: str, lang: str | None = None) -> dict:
    """What collectors may and may not do in one jurisdiction, each with its source and status."""
    jurisdiction = _check_jurisdiction(jurisdiction)
    rules = RULES[jurisdiction]
    return {
        "jurisdiction": jurisdiction,
        "title": t(f"guide.rights.{jurisdiction}.title", lang=lang),
        "data_date": DATA_DATE,
        "may": [_rule_entry(jurisdiction, rule, lang) for rule in rules if rule.allowed],
        "may_not": [_rule_entry(jurisdiction, rule, lang) for rule in rules if not rule.allowed],
        "reported_note": t("guide.rights.reported_note", lang=lang),
        "caveats": caveats(jurisdiction, lang),
    }


def _channel_entry(jurisdiction: str, channel: Channel, lang: str | None) -> dict:
    base = f"guide.channels.{jurisdiction}.{channel.id}"
    return {"id": channel.id, "name": t(f"{base}.name", lang=lang), "contact": channel.contact or None,
            "for": t_list(f"{base}.for", lang=lang), "mark": channel.mark,
            "note": t(f"guide.mark.{channel.mark}", lang=lang) if channel.mark in ("secondary", "unverified") else None}


def help_channels(jurisdiction: str | None = None, lang: str | None = None) -> dict:
    """Whom to call for what, for one jurisdiction or both, in the order to try them."""
    chosen = (_check_jurisdiction(jurisdiction),) if jurisdiction else JURISDICTIONS
    return {
        "jurisdictions": [{"jurisdiction": code, "title": t(f"guide.channels.{code}.title", lang=lang),
                           "order": t(f"guide.channels.{code}.order", lang=lang),
                           "channels": [_channel_entry(code, channel, lang) for channel in CHANNELS[code]]}
                          for code in chosen],
        "disclaimer": t("guide.caveats.not_advice", lang=lang),
    }
