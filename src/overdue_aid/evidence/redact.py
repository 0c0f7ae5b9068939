"""Masking of phone, ID-card (18-digit 身份证) and bank-card numbers for a report shown to others."""

from __future__ import annotations

import re

# 18-digit resident ID: 17 digits and a check digit or X.
_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
# Bank cards: 13–19 digits, maybe grouped by spaces or hyphens.
_BANK_CARD = re.compile(r"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])")
# Phones: mainland mobiles (+86 optional), US numbers, landlines with an area code, and any other run of 7+ digits.
_CN_MOBILE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")
_US_PHONE = re.compile(r"(?<!\d)(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[ -]?\d{7,8}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)\+?\d{7,}(?!\d)")


def _keep_last(match: re.Match[str], keep: int = 4) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    out, seen = [], 0
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > digits - keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def _mobile(match: re.Match[str]) -> str:
    # 138****8000: the usual way Chinese services show a mobile number.
    text = match.group(0)
    digits = [index for index, ch in enumerate(text) if ch.isdigit()]
    national = digits[-11:]
    hide = set(national[3:7])
    return "".join("*" if index in hide else ch for index, ch in enumerate(text))


def redact_text(text: str | None) -> str | None:
    """The text with ID-card, bank-card and phone numbers masked (last digits kept, to tell them apart)."""
    if not text:
        return text
    text = _ID_CARD.sub(lambda match: _keep_last(match, 2), text)
    text = _CN_MOBILE.sub(_mobile, text)  # before bank cards: "+86 138 0013 8000" has 13 digits too
    text = _BANK_CARD.sub(_keep_last, text)
    text = _US_PHONE.sub(_keep_last, text)
    text = _LANDLINE.sub(_keep_last, text)
    return _LONG_DIGITS.sub(_keep_last, text)
