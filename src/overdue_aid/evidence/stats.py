"""Measure a case's contacts against the rules: every statistic of rules-map.md §2, in the borrower's time zone.

Rule ids, statuses, sources and numbers are data (rules.toml). A "contact" is an incoming entry: something the
lender or collector did (a call, a message, a visit, a letter), to the borrower or to someone else. Entries that a
later entry corrects are left out; the correction counts instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any, Iterable

from .log import CHANNELS, Entry

STATUSES = ("law", "regulation", "self-regulatory", "standard")
ELECTRONIC = ("sms", "email", "app-chat", "wechat")
WRITTEN = ("letter", "email", "sms", "app-chat", "wechat")  # a request "in writing" (§1692c(c))
# An opt-out method in a message: "Reply STOP", "unsubscribe", "opt out", 回T退订, 拒收请回复R.
_OPT_OUT = re.compile(r"\b(stop|unsubscribe|opt[\s-]?out)\b|退订|拒收|回\s*T\b|回复\s*T\b", re.IGNORECASE)


@dataclass(frozen=True)
class Breach:
    """One statistic measured against one rule; `count` 0 means none found."""

    rule_id: str
    statistic: str
    status: str
    basis: str
    count: int
    dates: list[date]
    detail: str
    entry_ids: list[int] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self, lang: str | None = None) -> str:
        """The detail sentence in a given language (letters use the letter's language)."""
        from ..i18n import t

        return t(f"evidence.rule.{self.rule_id}.detail", lang=lang, **self.params)

    def as_dict(self) -> dict[str, Any]:
        """JSON form, with the rule's title and what its status means, in the current language."""
        from ..i18n import t

        return {"rule_id": self.rule_id, "statistic": self.statistic, "status": self.status, "basis": self.basis,
                "count": self.count, "dates": [day.isoformat() for day in self.dates], "detail": self.detail,
                "title": t(f"evidence.rule.{self.rule_id}.title"), "status_note": t(f"evidence.status.{self.status}"),
                "entry_ids": self.entry_ids}


@dataclass
class Stats:
    jurisdiction: str
    timezone: str
    entries: int = 0
    contacts: int = 0
    per_day: dict[date, int] = field(default_factory=dict)
    per_number: dict[str, int] = field(default_factory=dict)
    per_channel: dict[str, int] = field(default_factory=dict)
    hour_by_day: dict[date, list[int]] = field(default_factory=dict)  # 24 counts a day
    forbidden_hours: list[int] = field(default_factory=list)
    tags: dict[str, int] = field(default_factory=dict)
    results: list[Breach] = field(default_factory=list)  # every statistic, found or not
    factors: list[Breach] = field(default_factory=list)  # circumstances, not limits
    info: dict[str, int] = field(default_factory=dict)
    caveats: list[str] = field(default_factory=list)  # catalog keys

    @property
    def breaches(self) -> list[Breach]:
        """The results where something was found."""
        return [result for result in self.results if result.count]

    def as_dict(self) -> dict[str, Any]:
        """JSON form; dates ISO, breaches and all results with their rule, status and source."""
        from ..i18n import t

        return {
            "jurisdiction": self.jurisdiction, "timezone": self.timezone, "entries": self.entries,
            "contacts": self.contacts,
            "per_day": {day.isoformat(): count for day, count in sorted(self.per_day.items())},
            "per_number": dict(sorted(self.per_number.items(), key=lambda item: (-item[1], item[0]))),
            "per_channel": self.per_channel,
            "hour_by_day": {day.isoformat(): hours for day, hours in sorted(self.hour_by_day.items())},
            "forbidden_hours": self.forbidden_hours, "tags": self.tags,
            "breaches": [breach.as_dict() for breach in self.breaches],
            "results": [result.as_dict() for result in self.results],
            "factors": [factor.as_dict() for factor in self.factors],
            "info": self.info, "caveats": [t(key) for key in self.caveats],
        }


@cache
def rule_pack() -> dict[str, dict[str, dict[str, Any]]]:
    """rules.toml: jurisdiction -> rule key -> settings."""
    return tomllib.loads(files("overdue_aid.evidence").joinpath("rules.toml").read_text("utf-8"))


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _is_forbidden(moment: time, forbidden_from: time, allowed_from: time) -> bool:
    return moment >= forbidden_from or moment < allowed_from


def forbidden_hours(jurisdiction: str) -> list[int]:
    """Whole hours of the day inside the forbidden window (for the heat map)."""
    rules = rule_pack()[jurisdiction]
    first = next(rule for rule in rules.values() if rule["statistic"] == "contact_hours")
    start, end = _clock(first["forbidden_from"]), _clock(first["allowed_from"])
    return [hour for hour in range(24) if _is_forbidden(time(hour, 0), start, end)
            or _is_forbidden(time(hour, 59, 59), start, end)]


def normalise_number(number: str | None) -> str:
    """'+86 138-0013-8000' -> '+8613800138000'; '' when there is none."""
    if not number:
        return ""
    return re.sub(r"[^\d+]", "", number) or number.strip()


class _Context:
    """Effective entries in local time, shared by the rules."""

    def __init__(self, entries: Iterable[Entry], tz_name: str) -> None:
        from ..dates import zone

        self.zone = zone(tz_name)
        everything = list(entries)
        replaced = {entry.corrects for entry in everything if entry.corrects is not None}
        self.superseded = len(replaced)
        self.entries = sorted((entry for entry in everything if entry.id not in replaced),
                              key=lambda entry: (entry.at, entry.id))
        self.contacts = [entry for entry in self.entries if entry.direction == "incoming"]

    def local(self, entry: Entry) -> datetime:
        """The entry's time in the borrower's zone."""
        return entry.at.astimezone(self.zone)

    def calls_to_me(self) -> list[Entry]:
        """Calls from the collector side to the borrower."""
        return [entry for entry in self.contacts if entry.channel == "call" and "me" in entry.contacted]


def _result(rule_id: str, rule: dict[str, Any], hits: list[Entry], ctx: _Context, **params: Any) -> Breach:
    from ..i18n import t

    dates = sorted({ctx.local(entry).date() for entry in hits})
    params = {"count": len(hits), "days": len(dates), **params}
    return Breach(rule_id=rule_id, statistic=rule["statistic"], status=rule["status"], basis=rule["basis"],
                  count=len(hits), dates=dates, detail=t(f"evidence.rule.{rule_id}.detail", **params),
                  entry_ids=[entry.id for entry in hits], params=params)


def _contact_hours(rule_id: str, rule: dict[str, Any], ctx: _Context, jurisdiction: str) -> Breach:
    # rules-map §2 is followed here: for us, a contact at 21:00:00 already counts (≥21:00), while the message check's
    # odd_hours tag (spec) treats 21:00:00 as allowed. §1692c(a)(1) says convenient is "before 9:00 p.m.".
    start, end = _clock(rule["forbidden_from"]), _clock(rule["allowed_from"])
    hits = [entry for entry in ctx.contacts if entry.channel != "letter"  # a letter's arrival time is not chosen
            and (jurisdiction == "cn" or "me" in entry.contacted)     # FDCPA: times at the consumer's location
            and _is_forbidden(ctx.local(entry).time(), start, end)]
    return _result(rule_id, rule, hits, ctx, start=rule["forbidden_from"], end=rule["allowed_from"])


def _calls_per_day(rule_id: str, rule: dict[str, Any], ctx: _Context, outcome: str) -> Breach:
    # "The same number" is the borrower's: the limit is on attempts to reach one person, whatever number the
    # collector dials from. Calls to relatives go to other numbers and are counted as third-party contacts.
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in ctx.calls_to_me():
        if entry.outcome == outcome:
            by_day[ctx.local(entry).date()].append(entry)
    over = {day: calls for day, calls in by_day.items() if len(calls) > rule["limit"]}
    hits = [entry for day in sorted(over) for entry in over[day]]
    most = max((len(calls) for calls in over.values()), default=0)
    return _result(rule_id, rule, hits, ctx, limit=rule["limit"], most=most)


def _calls_in_7_days(rule_id: str, rule: dict[str, Any], ctx: _Context) -> Breach:
    calls = ctx.calls_to_me()
    days = [ctx.local(call).date() for call in calls]
    window = timedelta(days=rule["days"] - 1)
    hits, first = [], 0
    for index, day in enumerate(days):
        while days[first] < day - window:
            first += 1
        if index - first + 1 > rule["limit"]:  # this call is the 8th (or later) within 7 consecutive days
            hits.append(calls[index])
    return _result(rule_id, rule, hits, ctx, limit=rule["limit"])


def _calls_after_conversation(rule_id: str, rule: dict[str, Any], ctx: _Context) -> Breach:
    last_talk: date | None = None
    hits = []
    for entry in ctx.entries:  # in time order, so the last conversation seen is the latest before this call
        day = ctx.local(entry).date()
        # The day of the conversation is day 1, so the period ends on that day + 6.
        if (entry.channel == "call" and entry.direction == "incoming" and "me" in entry.contacted
                and last_talk is not None and day <= last_talk + timedelta(days=rule["days"] - 1)):
            hits.append(entry)
        if entry.channel == "call" and entry.outcome == "answered" and "me" in entry.contacted:
            last_talk = day
    return _result(rule_id, rule, hits, ctx)


def _third_party(rule_id: str, rule: dict[str, Any], ctx: _Context, jurisdiction: str) -> Breach:
    hits = [entry for entry in ctx.contacts if any(person != "me" for person in entry.contacted)]
    if jurisdiction == "us":
        kinds = Counter(person for entry in hits for person in entry.contacted if person != "me")
        return _result(rule_id, rule, hits, ctx, repeated=sum(1 for count in kinds.values() if count > 1))
    reach = timedelta(days=rule["reachable_days"])
    me = [entry.at for entry in ctx.entries if "me" in entry.contacted
          and (entry.direction == "outgoing" or entry.outcome == "answered")]
    # Reachable: the borrower answered or wrote in the days before, so they were not 失联 (unreachable).
    reachable = sum(1 for hit in hits if bisect_right(me, hit.at) > bisect_left(me, hit.at - reach))
    return _result(rule_id, rule, hits, ctx, reachable=reachable, reach_days=rule["reachable_days"])


def _after_stop(ctx: _Context, *, written_all: bool | None) -> list[Entry]:
    """Contacts after a stop request in a channel it named; written_all picks §1692c(c) requests (None: any)."""
    stops = [stop for stop in ctx.entries if stop.stop_request
             and (written_all is None or (stop.stop_request == "all" and stop.channel in WRITTEN) == written_all)]
    return [contact for contact in ctx.contacts
            if any(stop.at < contact.at and contact.channel in stop.stop_channels() for stop in stops)]


def _no_opt_out(rule_id: str, rule: dict[str, Any], ctx: _Context) -> Breach:
    hits = [entry for entry in ctx.contacts if entry.channel in ELECTRONIC and entry.text
            and not _OPT_OUT.search(entry.text)]
    unknown = sum(1 for entry in ctx.contacts if entry.channel in ELECTRONIC and not entry.text)
    return _result(rule_id, rule, hits, ctx, unknown=unknown)


def _rapid_repeat(rule_id: str, rule: dict[str, Any], ctx: _Context) -> Breach:
    unanswered = [entry for entry in ctx.calls_to_me() if entry.outcome == "unanswered"]
    gap = timedelta(minutes=rule["minutes"])
    hits = [later for earlier, later in zip(unanswered, unanswered[1:]) if later.at - earlier.at <= gap]
    return _result(rule_id, rule, hits, ctx, minutes=rule["minutes"])


def _measure(rule_key: str, rule: dict[str, Any], ctx: _Context, jurisdiction: str) -> Breach:
    rule_id = f"{jurisdiction}.{rule_key}"
    statistic = rule["statistic"]
    if statistic == "contact_hours":
        return _contact_hours(rule_id, rule, ctx, jurisdiction)
    if statistic == "unanswered_calls_per_day":
        return _calls_per_day(rule_id, rule, ctx, "unanswered")
    if statistic == "connected_calls_per_day":
        return _calls_per_day(rule_id, rule, ctx, "answered")
    if statistic == "calls_in_7_days":
        return _calls_in_7_days(rule_id, rule, ctx)
    if statistic == "calls_after_conversation":
        return _calls_after_conversation(rule_id, rule, ctx)
    if statistic == "third_party":
        return _third_party(rule_id, rule, ctx, jurisdiction)
    if statistic == "after_stop_request":
        return _result(rule_id, rule, _after_stop(ctx, written_all=rule_key == "after_cease"), ctx)
    if statistic == "electronic_without_opt_out":
        return _no_opt_out(rule_id, rule, ctx)
    if statistic == "rapid_repeat_calls":
        return _rapid_repeat(rule_id, rule, ctx)
    raise ValueError(f"unknown statistic {statistic!r} in rules.toml")


def compute_stats(entries: Iterable[Entry], jurisdiction: str, tz_name: str) -> Stats:
    """Counts per day, number, channel and hour, the tags found, and every rule of rules-map §2 measured."""
    ctx = _Context(entries, tz_name)
    stats = Stats(jurisdiction=jurisdiction, timezone=tz_name, entries=len(ctx.entries), contacts=len(ctx.contacts),
                  forbidden_hours=forbidden_hours(jurisdiction))
    per_day: Counter[date] = Counter()
    per_number: Counter[str] = Counter()
    per_channel: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for entry in ctx.contacts:
        local = ctx.local(entry)
        per_day[local.date()] += 1
        per_number[normalise_number(entry.counterpart_number) or "?"] += 1
        per_channel[entry.channel] += 1
        tags.update(entry.tags)
        stats.hour_by_day.setdefault(local.date(), [0] * 24)[local.hour] += 1
    stats.per_day, stats.per_number = dict(sorted(per_day.items())), dict(per_number)
    stats.tags = dict(sorted(tags.items()))
    stats.per_channel = {channel: per_channel[channel] for channel in CHANNELS if per_channel[channel]}
    for rule_key, rule in rule_pack()[jurisdiction].items():
        measured = _measure(rule_key, rule, ctx, jurisdiction)
        (stats.factors if rule.get("factor") else stats.results).append(measured)
    stats.info = {"superseded": ctx.superseded,
                  "stop_requests": sum(1 for entry in ctx.entries if entry.stop_request),
                  "after_stop_request": len(_after_stop(ctx, written_all=None)),
                  "third_party_contacts": sum(1 for entry in ctx.contacts if set(entry.contacted) - {"me"})}
    stats.caveats = ["evidence.caveat.not_advice", "evidence.caveat.data_date", f"evidence.caveat.{jurisdiction}"]
    if jurisdiction == "cn":
        stats.caveats.append("evidence.caveat.cn_stop")  # cn: no binding rule on contact after a refusal
    return stats
