"""Two charts for the report, drawn once as simple shapes and rendered both as SVG (HTML) and reportlab (PDF).

- contacts per day: one bar a day from the first contact to the last, red where a rule was broken that day;
- hour × day heat map: one cell per hour and day, the forbidden hours shaded and outlined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

WIDTH = 720
_BLUE, _RED, _GREY, _INK = "#3b6ea8", "#c0392b", "#d9d9d9", "#333333"
_FORBIDDEN_FILL = "#fbe3e0"


@dataclass(frozen=True)
class Shape:
    kind: str  # rect | text | line
    x: float
    y: float  # from the top, as in SVG
    w: float = 0.0
    h: float = 0.0
    fill: str | None = None
    stroke: str | None = None
    text: str = ""
    size: float = 9.0
    anchor: str = "start"  # start | middle | end


@dataclass
class Scene:
    width: float
    height: float
    title: str
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        """Append shapes, drawn in this order."""
        self.shapes.extend(shapes)


def _day_range(days: list[date]) -> list[date]:
    if not days:
        return []
    first, last = min(days), max(days)
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _label_step(count: int, room: int = 10) -> int:
    return max(1, -(-count // room))


def per_day_chart(per_day: dict[date, int], breach_days: set[date], *, title: str, legend_breach: str,
                  legend_ok: str) -> Scene:
    """Bar chart of contacts per local day (days without contacts included, as zero)."""
    days = _day_range(list(per_day))
    scene = Scene(WIDTH, 260, title)
    left, top, plot_w, plot_h = 40.0, 30.0, WIDTH - 60.0, 180.0
    scene.add(Shape("text", left, 16, text=title, size=12, fill=_INK))
    top_count = max(per_day.values(), default=0) or 1
    for step in range(5):  # grid lines at 0, ¼, ½, ¾ and the maximum
        value = top_count * step / 4
        y = top + plot_h - plot_h * step / 4
        scene.add(Shape("line", left, y, plot_w, 0, stroke=_GREY),
                  Shape("text", left - 4, y + 3, text=f"{value:.0f}" if value == int(value) else f"{value:.1f}",
                        size=8, anchor="end", fill=_INK))
    if days:
        slot = plot_w / len(days)
        for index, day in enumerate(days):
            count = per_day.get(day, 0)
            height = plot_h * count / top_count
            if count:
                scene.add(Shape("rect", left + index * slot + slot * 0.1, top + plot_h - height, slot * 0.8, height,
                                fill=_RED if day in breach_days else _BLUE))
        step = _label_step(len(days))
        for index in range(0, len(days), step):
            scene.add(Shape("text", left + index * slot + slot / 2, top + plot_h + 14, text=days[index].strftime("%m-%d"),
                            size=8, anchor="middle", fill=_INK))
    legend_y = top + plot_h + 34
    scene.add(Shape("rect", left, legend_y - 8, 10, 10, fill=_BLUE), Shape("text", left + 14, legend_y, text=legend_ok,
                                                                           size=9, fill=_INK),
              Shape("rect", left + 220, legend_y - 8, 10, 10, fill=_RED),
              Shape("text", left + 234, legend_y, text=legend_breach, size=9, fill=_INK))
    return scene


def _cell_colour(count: int, top: int, forbidden: bool) -> str:
    share = 0.25 + 0.75 * count / max(top, 1)
    base = (192, 57, 43) if forbidden else (59, 110, 168)
    mixed = [round(255 - (255 - channel) * share) for channel in base]
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def heat_map(hour_by_day: dict[date, list[int]], forbidden_hours: list[int], *, title: str,
             legend_forbidden: str) -> Scene:
    """Hours (rows, 0–23) × days (columns); forbidden hours shaded, contacts in them in red."""
    days = _day_range(list(hour_by_day))
    row_h = 9.0
    left, top = 40.0, 30.0
    plot_w, plot_h = WIDTH - 60.0, 24 * row_h
    scene = Scene(WIDTH, top + plot_h + 50, title)
    scene.add(Shape("text", left, 16, text=title, size=12, fill=_INK))
    for hour in range(24):
        y = top + hour * row_h
        if hour in forbidden_hours:
            scene.add(Shape("rect", left, y, plot_w, row_h, fill=_FORBIDDEN_FILL))
        if hour % 2 == 0:
            scene.add(Shape("text", left - 4, y + row_h - 1, text=f"{hour:02d}:00", size=7, anchor="end", fill=_INK))
    top_count = max((max(hours) for hours in hour_by_day.values()), default=0)
    if days:
        slot = plot_w / len(days)
        for index, day in enumerate(days):
            for hour, count in enumerate(hour_by_day.get(day, [0] * 24)):
                if count:
                    scene.add(Shape("rect", left + index * slot, top + hour * row_h, max(slot, 1.0), row_h,
                                    fill=_cell_colour(count, top_count, hour in forbidden_hours)))
        step = _label_step(len(days))
        for index in range(0, len(days), step):
            scene.add(Shape("text", left + index * slot + slot / 2, top + plot_h + 12, text=days[index].strftime("%m-%d"),
                            size=8, anchor="middle", fill=_INK))
    # Outline each forbidden band so it stays visible where cells cover the shading.
    for start, length in _bands(forbidden_hours):
        scene.add(Shape("rect", left, top + start * row_h, plot_w, length * row_h, stroke=_RED))
    legend_y = top + plot_h + 32
    scene.add(Shape("rect", left, legend_y - 8, 10, 10, fill=_FORBIDDEN_FILL, stroke=_RED),
              Shape("text", left + 14, legend_y, text=legend_forbidden, size=9, fill=_INK))
    return scene


def _bands(hours: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive hours: [0..7, 22, 23] -> [(0, 8), (22, 2)]."""
    bands: list[tuple[int, int]] = []
    for hour in sorted(hours):
        if bands and bands[-1][0] + bands[-1][1] == hour:
            bands[-1] = (bands[-1][0], bands[-1][1] + 1)
        else:
            bands.append((hour, 1))
    return bands


def to_svg(scene: Scene) -> str:
    """The scene as an inline SVG element."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width:.0f} {scene.height:.0f}" '
             f'width="{scene.width:.0f}" height="{scene.height:.0f}" role="img" aria-label="{escape(scene.title)}">']
    for shape in scene.shapes:
        if shape.kind == "rect":
            parts.append(f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.w:.2f}" height="{shape.h:.2f}" '
                         f'fill="{shape.fill or "none"}"' + (f' stroke="{shape.stroke}"' if shape.stroke else "") + "/>")
        elif shape.kind == "line":
            parts.append(f'<line x1="{shape.x:.2f}" y1="{shape.y:.2f}" x2="{shape.x + shape.w:.2f}" '
                         f'y2="{shape.y + shape.h:.2f}" stroke="{shape.stroke}"/>')
        else:
            parts.append(f'<text x="{shape.x:.2f}" y="{shape.y:.2f}" font-size="{shape.size}" '
                         f'text-anchor="{shape.anchor}" fill="{shape.fill or _INK}">{escape(shape.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_drawing(scene: Scene, font: str, scale: float = 1.0):
    """The scene as a reportlab Drawing (y flipped: reportlab counts from the bottom)."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor

    drawing = Drawing(scene.width * scale, scene.height * scale)
    height = scene.height
    for shape in scene.shapes:
        if shape.kind == "rect":
            drawing.add(Rect(shape.x * scale, (height - shape.y - shape.h) * scale, shape.w * scale, shape.h * scale,
                             fillColor=HexColor(shape.fill) if shape.fill else None,
                             strokeColor=HexColor(shape.stroke) if shape.stroke else None, strokeWidth=0.6))
        elif shape.kind == "line":
            drawing.add(Line(shape.x * scale, (height - shape.y) * scale, (shape.x + shape.w) * scale,
                             (height - shape.y - shape.h) * scale, strokeColor=HexColor(shape.stroke or _GREY),
                             strokeWidth=0.5))
        else:
            drawing.add(String(shape.x * scale, (height - shape.y) * scale, shape.text, fontName=font,
                               fontSize=shape.size * scale, textAnchor=shape.anchor,
                               fillColor=HexColor(shape.fill or _INK)))
    return drawing
