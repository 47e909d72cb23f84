"""Geometry of the reports page's charts: stacked weekly bars, drawn as inline SVG.

``stacked_bars`` turns a ``WeeklySeries`` into coordinates; the template
``feedback/includes/chart.html`` only writes them out. Coordinates are SVG
user units of a fixed ``viewBox`` (``WIDTH`` by ``HEIGHT``) that the page
scales to its width; y grows downwards, as in SVG.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from feedback.reports import WeeklySeries

#: Series colours in order. Each has at least 4.9:1 contrast against white
#: (WCAG asks 3:1 of graphics); neighbours differ in hue. The last one, a
#: neutral slate, also colours "Other" when there are more series than colours.
PALETTE = (
    "#1f5fbf",  # blue
    "#c2410c",  # orange
    "#15803d",  # green
    "#7e22ce",  # purple
    "#0e7490",  # teal
    "#be185d",  # pink
    "#a16207",  # ochre
    "#475569",  # slate
)
WIDTH = 720
HEIGHT = 280
#: Room around the plot: tick values on the left, half a week label on the right,
#: week labels and the x axis title below.
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 12, 52
#: Width of a bar as a share of its week's slot.
BAR_SHARE = 0.7
#: At most this many week labels fit under the axis; others are left out.
MAX_WEEK_LABELS = 9
#: At most this many ticks above zero on the y axis.
MAX_TICKS = 5


@dataclass(frozen=True)
class Segment:
    """One series' part of one week's bar."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str
    value: int


@dataclass(frozen=True)
class Column:
    """One week: its bar's segments, bottom first, and its total."""

    week: date
    total: int
    centre: float
    segments: list[Segment]
    has_label: bool


@dataclass(frozen=True)
class Tick:
    """A value on the y axis and the height where its grid line runs."""

    y: float
    value: int


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    total: int


@dataclass(frozen=True)
class TableRow:
    """One week of the accessible table: the counts in legend order, then their sum."""

    week: date
    counts: list[int]
    total: int


@dataclass(frozen=True)
class Chart:
    """Everything the chart template draws, plus the same numbers as table rows."""

    name: str
    title: str
    unit: str
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    ticks: list[Tick]
    columns: list[Column]
    legend: list[LegendEntry]
    rows: list[TableRow]
    total: int

    @property
    def first_week(self) -> date:
        return self.columns[0].week

    @property
    def last_week(self) -> date:
        return self.columns[-1].week

    @property
    def tick_label_x(self) -> float:
        """The x where tick values end, just left of the plot."""
        return self.plot_left - 6

    @property
    def week_label_y(self) -> float:
        """The baseline of the week labels, under the plot."""
        return self.plot_bottom + 16

    @property
    def x_title_y(self) -> float:
        """The baseline of the x axis title, at the bottom of the chart."""
        return self.height - 8

    @property
    def plot_middle(self) -> float:
        """The x of the plot's middle, where the x axis title stands."""
        return (self.plot_left + self.plot_right) / 2

    @property
    def y_title_at(self) -> float:
        """The plot's vertical middle as an x in the y axis title's rotated frame."""
        return -(self.plot_top + self.plot_bottom) / 2


def _fold(lines: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    """Return ``lines`` with as many as the palette colours: the biggest keep their
    place and colour, the rest are summed into "Other"."""
    if len(lines) <= len(PALETTE):
        return lines
    by_size = sorted(range(len(lines)), key=lambda index: -sum(lines[index][1]))
    kept = set(by_size[: len(PALETTE) - 1])
    rest = [counts for index, (_label, counts) in enumerate(lines) if index not in kept]
    other = [sum(week) for week in zip(*rest, strict=True)]
    return [line for index, line in enumerate(lines) if index in kept] + [(_("Other"), other)]


def _scale(peak: int) -> tuple[int, int]:
    """Return the axis top and tick step for bars up to ``peak``: the smallest step of
    1, 2 or 5 times a power of ten that needs at most ``MAX_TICKS`` ticks above zero."""
    peak = max(peak, 1)
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if step * MAX_TICKS >= peak:
                return math.ceil(peak / step) * step, step
        magnitude *= 10


def stacked_bars(series: WeeklySeries) -> Chart:
    """Return the stacked bar chart of ``series``: one bar per week, one colour per line."""
    lines = _fold(series.lines)
    colours = PALETTE[: len(lines)]
    weeks = series.weeks
    totals = [sum(counts[index] for _label, counts in lines) for index in range(len(weeks))]
    top, step = _scale(max(totals, default=0))
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    per_unit = (plot_bottom - plot_top) / top
    slot = (plot_right - plot_left) / len(weeks)
    bar_width = slot * BAR_SHARE
    label_every = math.ceil(len(weeks) / MAX_WEEK_LABELS)
    columns = []
    for index, week in enumerate(weeks):
        x = plot_left + index * slot + (slot - bar_width) / 2
        base = plot_bottom
        segments = []
        for (label, counts), colour in zip(lines, colours, strict=True):
            value = counts[index]
            if value:
                height = value * per_unit
                base -= height
                segments.append(
                    Segment(
                        x=round(x, 2),
                        y=round(base, 2),
                        width=round(bar_width, 2),
                        height=round(height, 2),
                        colour=colour,
                        label=label,
                        value=value,
                    )
                )
        columns.append(
            Column(
                week=week,
                total=totals[index],
                centre=round(plot_left + (index + 0.5) * slot, 2),
                segments=segments,
                # Count from the current week so that it always has its label.
                has_label=(len(weeks) - 1 - index) % label_every == 0,
            )
        )
    return Chart(
        name=series.name,
        title=series.title,
        unit=series.unit,
        width=WIDTH,
        height=HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        ticks=[
            Tick(y=round(plot_bottom - value * per_unit, 2), value=value)
            for value in range(0, top + 1, step)
        ],
        columns=columns,
        legend=[
            LegendEntry(label=label, colour=colour, total=sum(counts))
            for (label, counts), colour in zip(lines, colours, strict=True)
        ],
        rows=[
            TableRow(
                week=week, counts=[counts[index] for _label, counts in lines], total=totals[index]
            )
            for index, week in enumerate(weeks)
        ],
        total=sum(totals),
    )
