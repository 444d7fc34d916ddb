"""Desktop figures on a demo vault, measured offscreen in a fresh process.

Keys: cold_start_to_unlock_window_s (goal <= 0.6), chart_open_p95_ms (<= 25),
chart_open_facade_calls (<= 5) and chart_open_audit_events (1) for one chart opened,
per_keystroke_search_p95_ms (< 10), rss_mb (<= 250). Run alone with
``python benchmarks/ui.py VAULT`` or through run.py.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHARTS = 40


def _child(vault: str, started: float) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from practice_desk.practice import Practice, demo
    from practice_desk.ui import prompts
    from practice_desk.ui.app import _application
    from practice_desk.ui.main_window import MainWindow

    def unexpected(title: str, text: str) -> None:
        # A dialog would wait for a click forever: a benchmark must fail instead.
        raise SystemExit(f"the window showed a message: {title}: {text}")

    for kind in ("warn", "inform"):
        prompts.answers[kind] = unexpected

    app = _application()
    practice = Practice.open(vault)
    window = MainWindow(practice)
    window.show()
    app.processEvents()
    cold = time.time() - started
    practice.unlock(demo.DEMO_USER, demo.DEMO_PASSWORD)
    window._on_unlock_page_unlocked()
    app.processEvents()
    rng = random.Random(3)
    ids = rng.sample(practice.find_patient_ids("", limit=1_000_000), CHARTS)
    window.chart.show_patient(ids[0])  # warm
    # Let the window settle before timing: what unlocking leaves to do (laying out Today,
    # building the chart's tabs on a timer) is not the cost of opening a chart.
    settle = time.perf_counter()
    while time.perf_counter() - settle < 1.0:
        app.processEvents()
        time.sleep(0.01)
    calls, events = _one_opening(practice, window, ids[-1])
    times = []
    for patient_id in ids[1:]:
        start = time.perf_counter()
        window.chart.show_patient(patient_id)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    keystrokes = []
    for word in ("bram", "quil", "zeph", "noodl", "1984-0"):
        window.search.clear()
        for ch in word:
            start = time.perf_counter()
            window.search.setText(window.search.text() + ch)
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    window.close()
    times.sort()
    keystrokes.sort()
    return {
        "cold_start_to_unlock_window_s": round(cold, 3),
        "chart_open_p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "chart_open_p50_ms": round(statistics.median(times), 1),
        "chart_open_facade_calls": calls,
        "chart_open_audit_events": events,
        "per_keystroke_search_p95_ms": round(keystrokes[int(len(keystrokes) * 0.95) - 1], 2),
        "rss_mb": round(rss_kib / 1024, 1),
    }


def _one_opening(practice: Any, window: Any, patient_id: int) -> tuple[int, int]:
    """The facade calls the window makes to open one chart (not those the facade makes
    inside), and the audit events that opening writes."""
    from practice_desk.practice import Practice

    made = [0]
    depth = [0]
    originals = {}
    for name in dir(Practice):
        function = getattr(Practice, name)
        if name.startswith("_") or not callable(function) or isinstance(function, type):
            continue

        def counted(*args: Any, _function: Any = function, **kwargs: Any) -> Any:
            made[0] += depth[0] == 0
            depth[0] += 1
            try:
                return _function(*args, **kwargs)
            finally:
                depth[0] -= 1

        originals[name] = function
        setattr(Practice, name, counted)
    before = practice.audit_events(limit=1)[0].seq
    made[0] = 0
    try:
        window.chart.show_patient(patient_id)
    finally:
        calls = made[0]
        for name, function in originals.items():
            setattr(Practice, name, function)
    events = [e for e in practice.audit_events(limit=50) if e.seq > before]
    return calls, len(events)


def measure_ui(vault: Path) -> dict[str, Any]:
    """Runs the measurements in a new process, so the cold start is really cold."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(vault), repr(time.time())],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"UI benchmark failed: {result.stderr[-2000:]}")
    return json.loads(lines[-1])


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], float(sys.argv[3]))))
    else:
        print(json.dumps(measure_ui(Path(sys.argv[1]))))
