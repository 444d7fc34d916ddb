"""TimePlot, Practice Desk's own chart widget: axes, ticks, lines and words, drawn offscreen."""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from practice_desk.ui.plot import Axis, Band, Series, TimePlot, nice_step

START = date(2025, 1, 6)


def _plot(qtbot: QtBot, width: int = 640, height: int = 320) -> TimePlot:
    plot = TimePlot()
    qtbot.addWidget(plot)
    plot.resize(width, height)
    return plot


def _inked_near(
    image: QImage, x: float, y: float, color: str, reach: int = 3, tolerance: int = 60
) -> bool:
    """True when a pixel within ``reach`` of (x, y) is close to ``color``."""
    want = QColor(color)
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            px, py = round(x) + dx, round(y) + dy
            if 0 <= px < image.width() and 0 <= py < image.height():
                got = image.pixelColor(px, py)
                if (
                    abs(got.red() - want.red())
                    + abs(got.green() - want.green())
                    + abs(got.blue() - want.blue())
                    < tolerance
                ):
                    return True
    return False


def _ink(image: QImage) -> int:
    white = QColor("white")
    return sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y) != white
    )


def test_nice_ticks_are_round_numbers_inside_the_range() -> None:
    assert nice_step(27, 8) == 5
    assert nice_step(130, 5) == 50
    assert nice_step(0.9, 4) == 0.5
    assert Axis("", 0, 27).ticks(8) == [0, 5, 10, 15, 20, 25]
    assert Axis("", 0, 27, step=3).ticks(8) == [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]
    assert Axis("", 0, 115, unit=" mg").text(50) == "50 mg"


def test_date_ticks_follow_the_span_in_days_weeks_months_and_years(qtbot: QtBot) -> None:
    plot = _plot(qtbot, 900)
    plot.set_series([Series("x", ((START, 1),))])
    plot.set_x_range(START, START + timedelta(10))
    labels = [text for _, text in plot.x_ticks()]
    assert labels[:2] == ["6 Jan 2025", "7 Jan"]  # days; the year only once
    plot.set_x_range(START, START + timedelta(70))
    ticks = plot.x_ticks()
    assert all(day.weekday() == 0 for day, _ in ticks)  # weeks start on Mondays
    plot.set_x_range(START, date(2025, 12, 20))
    labels = [text for _, text in plot.x_ticks()]
    assert labels[:2] == ["Feb 2025", "Mar"] or labels[:2] == ["Feb 2025", "Apr"]
    plot.set_x_range(date(2015, 3, 1), date(2025, 3, 1))
    assert all(text.isdigit() for _, text in plot.x_ticks())  # years


def test_ticks_thin_out_so_labels_never_overlap(qtbot: QtBot) -> None:
    plot = _plot(qtbot, 260)
    plot.set_series([Series("x", ((START, 1),))])
    plot.set_x_range(START, START + timedelta(365))
    narrow = plot.x_ticks()
    plot.resize(1200, 320)
    assert len(plot.x_ticks()) > len(narrow) >= 2


def test_step_line_holds_the_value_until_the_next_date_and_is_drawn(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    dose = Series(
        "dose",
        ((START, 50), (START + timedelta(28), 100), (START + timedelta(56), 100)),
        color="#0072b2",
        step=True,
    )
    plot.set_axes(Axis("mg", 0, 120, unit=" mg"))
    plot.set_series([dose])
    plot.show()
    image = plot.grab().toImage()
    low_middle = plot.position(dose, START + timedelta(14), 50)
    high_middle = plot.position(dose, START + timedelta(42), 100)
    assert _inked_near(image, low_middle.x(), low_middle.y(), "#0072b2")
    assert _inked_near(image, high_middle.x(), high_middle.y(), "#0072b2")
    # A step, not a slope: nothing halfway between the two doses mid-way through the first.
    assert not _inked_near(image, low_middle.x(), (low_middle.y() + high_middle.y()) / 2, "#0072b2")


def test_a_nan_breaks_the_line() -> None:
    gap = Series("x", ((START, 1), (START + timedelta(1), 1), (START, math.nan), (START, 2)))
    assert [len(run) for run in gap.runs()] == [2, 1]


def test_right_axis_bands_and_today_are_drawn(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    score = Series(
        "PHQ-9",
        tuple((START + timedelta(7 * i), float(v)) for i, v in enumerate((20, 12, 6))),
        color="#222222",
        axis="right",
        marker="circle",
    )
    plot.set_axes(Axis("mg", 0, 100), Axis("PHQ-9", 0, 27))
    plot.set_series([score])
    plot.set_today(START + timedelta(10))
    plot.show()
    image = plot.grab().toImage()
    first = plot.position(score, START, 20)
    assert _inked_near(image, first.x(), first.y(), "#222222")
    today = plot.position(score, START + timedelta(10), 13)
    assert _inked_near(image, today.x(), today.y(), "#b3261e", tolerance=120)

    banded = _plot(qtbot)
    banded.set_axes(Axis("Total", 0, 27, bands=(Band(0, 5, "minimal", "#00ff00"),)))
    banded.set_series([Series("PHQ-9", ((START, 3.0),))])
    banded.show()
    image = banded.grab().toImage()
    inside = banded.position(banded.series()[0], START + timedelta(1), 1)
    assert _inked_near(image, inside.x() + 8, inside.y(), "#00ff00")


def test_no_data_says_so_in_words_and_to_screen_readers(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    plot.set_empty_text("No doses or scores to show yet.")
    plot.set_series([Series("dose", ())])
    plot.show()
    assert plot.is_empty()
    assert plot.accessibleDescription() == "No doses or scores to show yet."
    assert 0 < _ink(plot.grab().toImage()) < 200  # the sentence, and no axes


def test_description_reads_the_series_in_words(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    plot.set_title("PHQ-9 totals over time")
    plot.set_series(
        [
            Series("PHQ-9", ((START, 14.0), (START + timedelta(28), 9.0))),
            Series(
                "dose",
                ((START, 50), (START + timedelta(7), 100), (START + timedelta(9), 100)),
                step=True,
                labels=("50 mg", "100 mg", ""),
            ),
        ]
    )
    words = plot.accessibleDescription()
    assert "PHQ-9: 2 values from 6 Jan 2025 to 3 Feb 2025, the latest 9 on 3 Feb 2025" in words
    assert "dose: 50 mg from 6 Jan 2025, 100 mg from 13 Jan 2025, until 15 Jan 2025" in words


def test_scaled_fonts_keep_the_chart_inside_the_widget(qtbot: QtBot) -> None:
    plot = _plot(qtbot, 500, 260)
    font = plot.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # as at 200 % scaling
    plot.setFont(font)
    dose = Series("dose", ((START, 50), (START + timedelta(90), 50)), step=True)
    plot.set_axes(Axis("Daily dose (mg)", 0, 60, unit=" mg"))
    plot.set_series([dose])
    start = plot.position(dose, START, 50)
    assert 0 < start.x() < 500 and 0 < start.y() < 260
    labels = [text for _, text in plot.x_ticks()]
    assert 2 <= len(labels) <= 4
