"""``status --chart FILE.svg``: the burn-down drawn from ``--history``, as plain SVG.

One line per code over time, and a dashed mark for each deadline at the
first recorded run whose project version had reached it. Written by hand
(a few dozen elements) so the chart needs no plotting library.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from packaging.version import InvalidVersion, Version

from flake8_ssot.engine.status_history import HistoryRecord
from flake8_ssot.engine.status_report import EntryDeadline

WIDTH, HEIGHT = 800, 420
LEFT, RIGHT, TOP, BOTTOM = 60, 190, 40, 50
#: Distinguishable on white, and for the common colour-vision deficiencies (Okabe-Ito).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def render_chart(records: Sequence[HistoryRecord], deadlines: Sequence[EntryDeadline]) -> str:
    """The SVG document; one run per day (the day's last) is drawn."""
    by_day = {record.date: record for record in records}
    days = sorted(by_day)
    codes = sorted({code for record in by_day.values() for code in record.counts})
    highest = max(
        (count for record in by_day.values() for count in record.counts.values()), default=0
    )
    top = max(highest, 1)
    first, last = (
        (date.fromisoformat(days[0]), date.fromisoformat(days[-1])) if days else (None, None)
    )
    span = (last - first).days if first and last else 0
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: str) -> float:
        if first is None or span == 0:
            return LEFT + plot_width / 2
        return LEFT + plot_width * (date.fromisoformat(day) - first).days / span

    def y(count: int) -> float:
        return TOP + plot_height * (1 - count / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        "<title>flake8-ssot burn-down: findings per code over time</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="24" font-size="16">flake8-ssot findings per code</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_height}" x2="{LEFT + plot_width}" '
        f'y2="{TOP + plot_height}" stroke="#444"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_height}" stroke="#444"/>',
        f'<text x="{LEFT - 8}" y="{TOP + 4}" text-anchor="end">{top}</text>',
        f'<text x="{LEFT - 8}" y="{TOP + plot_height + 4}" text-anchor="end">0</text>',
    ]
    if days:
        parts.append(f'<text x="{LEFT}" y="{TOP + plot_height + 20}">{escape(days[0])}</text>')
        if len(days) > 1:
            parts.append(
                f'<text x="{LEFT + plot_width}" y="{TOP + plot_height + 20}" '
                f'text-anchor="end">{escape(days[-1])}</text>'
            )
    for number, (day, label) in enumerate(_deadline_marks(by_day, days, deadlines)):
        mark = x(day)
        parts.append(
            f'<g class="deadline"><line x1="{mark:.1f}" y1="{TOP}" x2="{mark:.1f}" '
            f'y2="{TOP + plot_height}" stroke="#B00020" stroke-dasharray="4 3"/>'
            f'<text x="{mark + 3:.1f}" y="{TOP + 12 + 14 * number}" fill="#B00020">'
            f"{escape(label)}</text></g>"
        )
    for index, code in enumerate(codes):
        colour = COLOURS[index % len(COLOURS)]
        points = [(x(day), y(by_day[day].counts.get(code, 0))) for day in days]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(
            f'<g class="series" data-code={quoteattr(code)}>'
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            + "".join(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points
            )
            + "</g>"
        )
        legend_y = TOP + 16 * index
        parts.append(
            f'<g class="legend"><rect x="{WIDTH - RIGHT + 20}" y="{legend_y}" width="12" '
            f'height="12" fill="{colour}"/><text x="{WIDTH - RIGHT + 38}" y="{legend_y + 10}">'
            f"{escape(code)}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _deadline_marks(
    by_day: dict[str, HistoryRecord], days: list[str], deadlines: Sequence[EntryDeadline]
) -> list[tuple[str, str]]:
    """Each deadline's first day on record with the project version at or past it."""
    marks = []
    for due in deadlines:
        removed_in = Version(due.removed_in)
        reached = next(
            (day for day in days if _at_least(by_day[day].project_version, removed_in)), None
        )
        if reached is not None:
            marks.append((reached, f"{due.entry}: removed-in {due.removed_in}"))
    return marks


def _at_least(version: str | None, removed_in: Version) -> bool:
    if version is None:
        return False
    try:
        return Version(version) >= removed_in
    except InvalidVersion:
        return False
