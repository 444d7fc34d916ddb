"""TimePlot: a chart drawn with QPainter, dates along the bottom and values up the sides.

Practice Desk draws its charts itself. Qt Charts is offered by The Qt Company under the
GPL-3.0 or a commercial licence only, and Practice Desk is not GPL software. One widget
serves the taper dose curve, the rating-scale trend and the medication timeline.

Every size is measured from the widget's font (no fixed pixels), so the chart stays
readable on a 1366 x 768 laptop and at 125-200 % scaling. Nothing is computed until the
widget paints, so setting data is cheap. The data stays inspectable (``series()``,
``axes()``, ``x_ticks()``) for tests, and an accessible description says it in words.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from practice_desk.ui.i18n import long_date
from practice_desk.ui.plot_axes import (
    PALETTE,
    TODAY_COLOR,
    X_STEPS,
    Axis,
    Band,
    Marker,
    Series,
    Side,
    nice_step,
    tick_dates,
    tick_label,
)

__all__ = ["PALETTE", "Axis", "Band", "Marker", "Series", "Side", "TimePlot", "nice_step"]

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass
class _Layout:
    em: float
    plot: QRectF
    title: QRectF
    legend: QRectF
    band_labels: QRectF | None
    x_ticks: list[tuple[date, str]]
    left_ticks: list[float]
    right_ticks: list[float]
    first: date
    last: date


class TimePlot(QWidget):
    """Lines over dates with a left and an optional right axis, bands, today and a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._x_title = ""
        self._series: tuple[Series, ...] = ()
        self._left = Axis("", 0, 1)
        self._right: Axis | None = None
        self._range: tuple[date, date] | None = None
        self._today: date | None = None
        self._legend = True
        self._empty_text = self.tr("No data to show yet.")
        self._description: str | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(True)
        self._describe()

    # --- data ------------------------------------------------------------------------------

    def set_title(self, title: str, x_title: str = "") -> None:
        self._title, self._x_title = title, x_title
        self._changed()

    def set_axes(self, left: Axis, right: Axis | None = None) -> None:
        self._left, self._right = left, right
        self._changed()

    def set_series(self, series: Sequence[Series]) -> None:
        self._series = tuple(series)
        self._changed()

    def set_x_range(self, first: date | None, last: date | None = None) -> None:
        """Fix the dates shown; None fits them to the data (and today)."""
        self._range = (first, last or first) if first is not None else None
        self._changed()

    def set_today(self, day: date | None) -> None:
        """Where the dashed "Today" line goes (None: no line)."""
        self._today = day
        self._changed()

    def set_legend_visible(self, visible: bool) -> None:
        self._legend = visible
        self._changed()

    def set_empty_text(self, text: str) -> None:
        """What the chart says instead of axes when there is nothing to draw."""
        self._empty_text = text
        self._changed()

    def set_description(self, text: str | None) -> None:
        """The data in words for screen readers; None describes the series generically."""
        self._description = text
        self._describe()

    def series(self) -> tuple[Series, ...]:
        return self._series

    def axes(self) -> tuple[Axis, Axis | None]:
        return self._left, self._right

    def title(self) -> str:
        return self._title

    def today(self) -> date | None:
        return self._today

    def is_empty(self) -> bool:
        return not any(s.runs() for s in self._series)

    def x_range(self) -> tuple[date, date]:
        if self._range is not None:
            return self._range
        days = [d for s in self._series for run in s.runs() for d, _ in run]
        if self._today is not None:
            days.append(self._today)
        if not days:
            today = self._today or date.today()
            return today - timedelta(14), today + timedelta(14)
        first, last = min(days), max(days)
        pad = max(3, (last - first).days // 30)
        return first - timedelta(pad), last + timedelta(pad)

    def position(self, series: Series, day: date, value: float) -> QPointF:
        """Where (day, value) of ``series`` is drawn at the widget's present size."""
        return self._point(self._layout(), series, day, value)

    def x_ticks(self) -> list[tuple[date, str]]:
        """The dates marked along the bottom at the widget's present size, with their labels."""
        return self._layout().x_ticks

    # --- Qt --------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        em = QFontMetricsF(self.font()).height()
        return QSize(round(em * 40), round(em * 17))

    def minimumSizeHint(self) -> QSize:
        em = QFontMetricsF(self.font()).height()
        return QSize(round(em * 18), round(em * 11))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._point_near(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        layout = self._layout()
        self._draw_title(painter, layout)
        if self.is_empty():
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = QRectF(self.rect()).adjusted(layout.em, layout.title.bottom(), -layout.em, 0)
            painter.drawText(
                area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text
            )
            painter.end()
            return
        self._draw_bands(painter, layout)
        self._draw_axes(painter, layout)
        self._draw_today(painter, layout)
        labels: list[QRectF] = []
        painter.save()
        painter.setClipRect(layout.plot.adjusted(-layout.em, -layout.em, layout.em, 0))
        for series in self._series:
            self._draw_series(painter, layout, series)
        for series in self._series:  # over every line, so no line crosses a number
            self._draw_labels(painter, layout, series, labels)
        painter.restore()
        self._draw_legend(painter, layout)
        painter.end()

    # --- geometry --------------------------------------------------------------------------

    def _changed(self) -> None:
        self._describe()
        self.update()

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _legend_items(self) -> list[tuple[str, str, bool, Marker]]:
        items: list[tuple[str, str, bool, Marker]] = [
            (s.name, s.color, s.dashed, s.marker) for s in self._series if s.name and s.runs()
        ]
        first, last = self.x_range()
        if self._today is not None and first <= self._today <= last:
            items.append((self.tr("Today"), TODAY_COLOR, True, ""))
        return items if self._legend else []

    def _legend_rows(self, width: float) -> list[list[tuple[float, tuple[str, str, bool, Marker]]]]:
        fm = QFontMetricsF(self.font())
        em = fm.height()
        rows: list[list[tuple[float, tuple[str, str, bool, Marker]]]] = []
        used = width
        for item in self._legend_items():
            wide = em * 2.4 + fm.horizontalAdvance(item[0])
            if rows and used + wide <= width:
                rows[-1].append((wide, item))
                used += wide + em
            else:
                rows.append([(wide, item)])
                used = wide + em
        return rows

    def _layout(self) -> _Layout:
        fm = QFontMetricsF(self.font())
        em = fm.height()
        pad = em * 0.5
        width, height = float(self.width()), float(self.height())
        title_h = QFontMetricsF(self._bold()).height() + pad if self._title else 0.0
        title = QRectF(pad, pad * 0.5, width - 2 * pad, title_h)
        rows = self._legend_rows(width - 2 * pad)
        legend_h = len(rows) * em * 1.3
        legend = QRectF(pad, height - pad * 0.5 - legend_h, width - 2 * pad, legend_h)
        top = title.bottom() + pad
        bottom = legend.top() - pad * (0.6 if rows else 0) - em * 1.4
        bottom -= em * 1.2 if self._x_title else 0
        most = max(2, int((bottom - top) / (em * 2)))
        left_ticks = self._left.ticks(most)
        right_ticks = self._right.ticks(most) if self._right else []
        left_w = pad + (em * 1.2 if self._left.title else 0)
        left_w += max((fm.horizontalAdvance(self._left.text(v)) for v in left_ticks), default=0)
        left_w += pad
        band_labels: QRectF | None = None
        if self._right is not None:
            right_w = pad + (em * 1.2 if self._right.title else 0) + pad
            right_w += max(fm.horizontalAdvance(self._right.text(v)) for v in right_ticks)
        elif self._left.bands:
            widest = max(fm.horizontalAdvance(b.label) for b in self._left.bands)
            right_w = min(widest, em * 6) + 2 * pad
            band_labels = QRectF(width - right_w + pad * 0.5, top, right_w - pad, bottom - top)
        else:
            right_w = fm.horizontalAdvance("28 Sep") / 2 + pad
        plot = QRectF(left_w, top, max(em, width - left_w - right_w), max(em, bottom - top))
        first, last = self.x_range()
        return _Layout(
            em=em,
            plot=plot,
            title=title,
            legend=legend,
            band_labels=band_labels,
            x_ticks=self._fit_x_ticks(first, last, plot.width(), fm),
            left_ticks=left_ticks,
            right_ticks=right_ticks,
            first=first,
            last=last,
        )

    def _fit_x_ticks(
        self, first: date, last: date, width: float, fm: QFontMetricsF
    ) -> list[tuple[date, str]]:
        span = max(1, (last - first).days)
        fallback: list[tuple[date, str]] = []
        for unit, count, days in X_STEPS:
            if span / days > 60:
                continue
            dates = tick_dates(first, last, unit, count)
            labels = [
                (d, tick_label(d, unit, dates[i - 1] if i else None)) for i, d in enumerate(dates)
            ]
            needed = sum(fm.horizontalAdvance(text) + fm.height() for _, text in labels)
            if needed <= width and len(labels) >= 2:
                return labels
            if labels:
                fallback = labels  # the coarsest that marks anything, if none fits
        return fallback

    def _x(self, layout: _Layout, day: date) -> float:
        span = max(1, (layout.last - layout.first).days)
        return layout.plot.left() + (day - layout.first).days / span * layout.plot.width()

    def _y(self, layout: _Layout, value: float, side: Side) -> float:
        axis = self._right if side == "right" and self._right is not None else self._left
        span = (axis.high - axis.low) or 1.0
        return layout.plot.bottom() - (value - axis.low) / span * layout.plot.height()

    def _point(self, layout: _Layout, series: Series, day: date, value: float) -> QPointF:
        y = self._y(layout, value, series.axis) - series.nudge * layout.em
        return QPointF(self._x(layout, day), y)

    # --- drawing ---------------------------------------------------------------------------

    def _ink(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _draw_title(self, painter: QPainter, layout: _Layout) -> None:
        if not self._title:
            return
        painter.setFont(self._bold())
        painter.setPen(self._ink())
        text = QFontMetricsF(self._bold()).elidedText(
            self._title, Qt.TextElideMode.ElideRight, layout.title.width()
        )
        painter.drawText(layout.title, _CENTER, text)
        painter.setFont(self.font())

    def _draw_bands(self, painter: QPainter, layout: _Layout) -> None:
        plot = layout.plot
        for band in self._left.bands:
            top = max(plot.top(), self._y(layout, band.high, "left"))
            bottom = min(plot.bottom(), self._y(layout, band.low, "left"))
            shade = QRectF(plot.left(), top, plot.width(), bottom - top)
            painter.fillRect(shade, QColor(band.color))
            if band.low > self._left.low:
                pen = QPen(QColor("#9e9e9e"), 1, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(plot.left(), bottom), QPointF(plot.right(), bottom))
            painter.setPen(self._ink())
            if layout.band_labels is not None:
                column = layout.band_labels
                area = QRectF(column.left(), top, column.width(), bottom - top)
                painter.drawText(
                    area,
                    Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignVCenter
                    | Qt.TextFlag.TextWordWrap,
                    band.label,
                )
            else:
                painter.setPen(QColor("#616161"))
                area = QRectF(plot.left(), top, plot.width() - layout.em * 0.3, bottom - top)
                top_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
                painter.drawText(area, top_right, band.label)

    def _draw_axes(self, painter: QPainter, layout: _Layout) -> None:
        plot, em = layout.plot, layout.em
        fm = QFontMetricsF(self.font())
        tick = em * 0.3
        grid = QPen(QColor("#e4e4e4"), 1)
        axis_pen = QPen(QColor("#757575"), 1)
        for value in layout.left_ticks:
            y = self._y(layout, value, "left")
            if not self._left.bands:
                painter.setPen(grid)
                painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(axis_pen)
            painter.drawLine(QPointF(plot.left() - tick, y), QPointF(plot.left(), y))
            painter.setPen(self._ink())
            box = QRectF(0, y - em / 2, plot.left() - tick - em * 0.2, em)
            painter.drawText(box, _RIGHT, self._left.text(value))
        if self._right is not None:
            for value in layout.right_ticks:
                y = self._y(layout, value, "right")
                painter.setPen(axis_pen)
                painter.drawLine(QPointF(plot.right(), y), QPointF(plot.right() + tick, y))
                painter.setPen(self._ink())
                box = QRectF(plot.right() + tick + em * 0.2, y - em / 2, self.width(), em)
                painter.drawText(box, _LEFT, self._right.text(value))
        x_label_top = plot.bottom() + tick + em * 0.1
        placed: list[QRectF] = []
        for day, text in layout.x_ticks:
            x = self._x(layout, day)
            painter.setPen(grid)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(axis_pen)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + tick))
            w = fm.horizontalAdvance(text) + em * 0.2
            left = min(max(0.0, x - w / 2), self.width() - w)
            box = QRectF(left, x_label_top, w, em)
            if any(box.intersects(other) for other in placed):
                continue
            placed.append(box)
            painter.setPen(self._ink())
            painter.drawText(box, _CENTER, text)
        painter.setPen(axis_pen)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        if self._right is not None:
            painter.drawLine(plot.bottomRight(), plot.topRight())
        painter.setPen(self._ink())
        if self._x_title:
            box = QRectF(plot.left(), x_label_top + em * 1.1, plot.width(), em * 1.2)
            painter.drawText(box, _CENTER, self._x_title)
        self._axis_title(painter, self._left.title, em * 0.3, plot, -90)
        if self._right is not None:
            self._axis_title(painter, self._right.title, self.width() - em * 1.5, plot, 90)

    def _axis_title(self, painter: QPainter, text: str, x: float, plot: QRectF, angle: int) -> None:
        if not text:
            return
        fm = QFontMetricsF(self.font())
        em = fm.height()
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, plot.height())
        painter.save()
        painter.translate(x + em * 0.6, plot.center().y())
        painter.rotate(angle)
        painter.drawText(QRectF(-plot.height() / 2, -em / 2, plot.height(), em), _CENTER, text)
        painter.restore()

    def _draw_today(self, painter: QPainter, layout: _Layout) -> None:
        day = self._today
        if day is None or not layout.first <= day <= layout.last:
            return
        x = self._x(layout, day)
        painter.setPen(QPen(QColor(TODAY_COLOR), max(2.0, layout.em * 0.12), Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, layout.plot.top()), QPointF(x, layout.plot.bottom()))

    def _draw_series(self, painter: QPainter, layout: _Layout, series: Series) -> None:
        em = layout.em
        color = QColor(series.color)
        width = max(2.0, em * 0.15)
        style = Qt.PenStyle.DashLine if series.dashed else Qt.PenStyle.SolidLine
        pen = QPen(color, width, style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        for run in series.runs():
            points = [self._point(layout, series, d, v) for d, v in run]
            path = QPainterPath(points[0])
            for before, point in itertools.pairwise(points):
                if series.step:
                    path.lineTo(point.x(), before.y())
                path.lineTo(point)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            end = run[-1][0]
            if series.step and len(run) > 1 and end != self._today and end < layout.last:
                # A stopped line ends with a short upright bar, so the end reads as deliberate.
                painter.setPen(QPen(color, width))
                last = points[-1]
                painter.drawLine(
                    QPointF(last.x(), last.y() - em * 0.35), QPointF(last.x(), last.y() + em * 0.35)
                )
            if series.marker:
                for point in points[: -1 if series.step and len(points) > 1 else None]:
                    self._marker(painter, series.marker, color, point, em * 0.3)

    def _draw_labels(
        self, painter: QPainter, layout: _Layout, series: Series, placed: list[QRectF]
    ) -> None:
        if not series.labels:
            return
        fm = QFontMetricsF(self.font())
        em = layout.em
        ink = QColor(series.color).darker(140)
        backing = QColor(self.palette().color(QPalette.ColorRole.Base))
        backing.setAlpha(210)
        for index, (day, value) in enumerate(series.points):
            text = series.label(index)
            if not text or math.isnan(value):
                continue
            at = self._point(layout, series, day, value)
            x, y = at.x(), at.y()
            w = fm.horizontalAdvance(text) + em * 0.3
            left = x + em * 0.15 if series.step else x - w / 2
            box = QRectF(left, y - em * 1.25, w, em)
            if box.top() < layout.plot.top() - em * 0.8:
                box.moveTop(y + em * 0.3)
            if box.right() > layout.plot.right():
                box.moveRight(layout.plot.right())
            if any(box.intersects(other) for other in placed):
                continue
            placed.append(box)
            painter.fillRect(box, backing)
            painter.setPen(ink)
            painter.drawText(box, _CENTER, text)

    def _marker(
        self, painter: QPainter, kind: Marker, color: QColor, at: QPointF, r: float
    ) -> None:
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1))
        painter.setBrush(color)
        if kind == "circle":
            painter.drawEllipse(at, r, r)
        elif kind == "square":
            painter.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r))
        else:
            corners = (
                [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)]
                if kind == "diamond"
                else [(0, -1.3), (1.2, 0.9), (-1.2, 0.9)]
            )
            shape = [QPointF(at.x() + dx * r, at.y() + dy * r) for dx, dy in corners]
            painter.drawPolygon(QPolygonF(shape))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _draw_legend(self, painter: QPainter, layout: _Layout) -> None:
        em = layout.em
        rows = self._legend_rows(layout.legend.width())
        for number, row in enumerate(rows):
            total = sum(w for w, _ in row) + em * (len(row) - 1)
            x = layout.legend.center().x() - total / 2
            y = layout.legend.top() + number * em * 1.3 + em * 0.65
            for wide, (name, color, dashed, marker) in row:
                style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
                painter.setPen(QPen(QColor(color), max(2.0, em * 0.15), style))
                painter.drawLine(QPointF(x, y), QPointF(x + em * 1.8, y))
                if marker:
                    self._marker(painter, marker, QColor(color), QPointF(x + em * 0.9, y), em * 0.3)
                painter.setPen(self._ink())
                box = QRectF(x + em * 2.4, y - em / 2, wide - em * 2.4, em)
                painter.drawText(box, _LEFT, name)
                x += wide + em

    # --- words -----------------------------------------------------------------------------

    def _value_text(self, series: Series, index: int) -> str:
        label = series.label(index)
        if label:
            return label
        axis = self._right if series.axis == "right" and self._right is not None else self._left
        return axis.text(series.points[index][1])

    def _point_near(self, at: QPointF) -> str:
        if self.is_empty():
            return ""
        layout = self._layout()
        best, text = layout.em * 0.8, ""
        for series in self._series:
            for index, (day, value) in enumerate(series.points):
                if math.isnan(value):
                    continue
                point = self._point(layout, series, day, value)
                distance = math.hypot(point.x() - at.x(), point.y() - at.y())
                if distance < best:
                    best = distance
                    text = f"{series.name}: {self._value_text(series, index)} — {long_date(day)}"
        return text

    def _describe(self) -> None:
        self.setAccessibleDescription(self.describe())

    def describe(self) -> str:
        """The chart in words: what a screen reader announces for it."""
        if self._description is not None:
            return self._description
        if self.is_empty():
            return self._empty_text
        parts = [self._title] if self._title else []
        for series in self._series:
            finite = [i for i, (_, v) in enumerate(series.points) if not math.isnan(v)]
            if not finite:
                continue
            if series.step:
                values = ", ".join(
                    self.tr("%1 from %2")
                    .replace("%1", self._value_text(series, i))
                    .replace("%2", long_date(series.points[i][0]))
                    for i in finite[:-1]
                )
                until = self.tr("until %1").replace("%1", long_date(series.points[finite[-1]][0]))
                values = values or self._value_text(series, finite[0])
                parts.append(f"{series.name}: {values}, {until}")
                continue
            last = finite[-1]
            parts.append(
                self.tr("%1: %n value(s) from %2 to %3, the latest %4 on %5", "", len(finite))
                .replace("%1", series.name)
                .replace("%2", long_date(series.points[finite[0]][0]))
                .replace("%3", long_date(series.points[last][0]))
                .replace("%4", self._value_text(series, last))
                .replace("%5", long_date(series.points[last][0]))
            )
        return ". ".join(parts) + "."
