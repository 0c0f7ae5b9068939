"""Finding a Chinese font file that reportlab can embed in a PDF (letters and the evidence report share it).

reportlab embeds only TrueType outlines, so CFF-based OpenType fonts (Noto Sans CJK, Source Han) cannot be
used: they are skipped. Candidates come from --font, then fontconfig (`fc-list :lang=zh`), then the usual
Windows, macOS and Linux font files. Each is opened and must have glyphs for a few common characters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import bad_input

# Characters every letter in Chinese uses; a font lacking them is not a Chinese font.
_PROBE = "逾期还款协商申请贵司"


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # the face inside a .ttc collection


def _windows_fonts() -> list[Path]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [folder / name for name in ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "Deng.ttf", "simkai.ttf")]


_MAC_FONTS = [Path(p) for p in (
    "/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc", "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc", "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf")]
_LINUX_FONTS = [Path(p) for p in (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")]


def _fontconfig_fonts() -> list[FontFile]:
    """Chinese fonts fontconfig knows, TrueType ones only (CFF outlines cannot be embedded by reportlab)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        result = subprocess.run([fc_list, "-f", "%{file}|%{index}|%{fontformat}\n", ":lang=zh"],
                                capture_output=True, text=True, timeout=15, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    fonts = []
    for line in sorted(result.stdout.splitlines()):
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() == "TrueType":
            try:
                fonts.append(FontFile(Path(parts[0]), int(parts[1] or 0)))
            except ValueError:
                continue
    return fonts


def system_font_candidates() -> list[FontFile]:
    """Font files worth trying, best first, without repeats."""
    candidates = _fontconfig_fonts()
    candidates += [FontFile(path) for path in (*_windows_fonts(), *_MAC_FONTS, *_LINUX_FONTS) if path.is_file()]
    seen: set[tuple[str, int]] = set()
    unique = []
    for font in candidates:
        key = (str(font.path), font.index)
        if key not in seen:
            seen.add(key)
            unique.append(font)
    return unique


class FontUnusable(Exception):
    """This file cannot serve as a Chinese font in a PDF (the message says why)."""


def load_font(font: FontFile) -> Any:
    """A reportlab TTFont for the file, checked to contain Chinese characters."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = f"CJK-{font.path.stem}-{font.index}".replace(" ", "_")
    try:
        loaded = TTFont(name, str(font.path), subfontIndex=font.index)
    except (TTFError, OSError, ValueError, IndexError, KeyError, TypeError) as err:
        raise FontUnusable(str(err)) from None
    glyphs = loaded.face.charToGlyph
    if not all(ord(ch) in glyphs for ch in _PROBE):
        raise FontUnusable("no Chinese characters")
    return loaded


@cache
def find_cjk_font(explicit: Path | None = None) -> Any | None:
    """The Chinese font to embed: --font if given (exit 2 if unusable), else the first usable system font, else None."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise bad_input("errors.file.not_found", path=str(path))
        last_error = "no usable face"
        for index in range(8 if path.suffix.lower() == ".ttc" else 1):
            try:
                return load_font(FontFile(path, index))
            except FontUnusable as err:
                last_error = str(err)
        raise bad_input("errors.font_unusable", path=str(path), reason=last_error)
    for candidate in system_font_candidates():
        try:
            return load_font(candidate)
        except FontUnusable:
            continue
    return None


FALLBACK_FONT = "STSong-Light"  # reportlab's CID font: needs no file, but the reader must supply the glyphs


def registered_cjk_font() -> tuple[str, bool]:
    """Register the best Chinese font with reportlab; return (font name, whether it is the CID fallback)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    font = find_cjk_font(None)
    if font is not None:
        pdfmetrics.registerFont(font)
        return font.fontName, False
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT, True
