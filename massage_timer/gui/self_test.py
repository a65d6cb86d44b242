"""``massage-timer --self-test``: check, without a screen, that this installation works.

Meant for a fresh wheel install or a PyInstaller bundle, where a file left out of the
package or a Qt plugin trimmed from the bundle would otherwise only show when a person
opens the app. Each check prints one line, ``ok: ...`` or ``FAIL: ... (why)``; the exit
status is 0 only when every check passed.

The checks: the built-in routines load and plan (and fit 5 minutes exactly), every
technique's illustration renders with real content, the shipped sounds read and Qt
Multimedia loads, the speech engine renders a cue to a WAV with sound in it, and a main
window is built, shown and closed offscreen. Qt is imported only inside the checks, so
``--self-test`` reports a broken Qt as a failed check rather than a traceback, and the
checks run with private user folders so that nothing of the user's is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from massage_timer import __version__
from massage_timer.resources import builtin_routines_dir, illustration_path, resource_root

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

FIT_MINUTES = 5
SPEECH_TEXT = "Self test. Breathe in slowly, and let your shoulders drop."
SPEECH_START_S = 15.0  # the first start of espeak-ng reads its voice data from disk
SPEECH_RENDER_S = 30.0
MIN_SPEECH_PEAK = 2000  # of 32767: a spoken cue is far louder than this
MIN_SPEECH_SECONDS = 0.5
ILLUSTRATION_W, ILLUSTRATION_H = 200, 150
MIN_COVERAGE = 0.02  # share of pixels an illustration must paint
MIN_COLOURS = 2
EXPOSE_TIMEOUT_S = 5.0
XDG_VARS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


class CheckFailedError(Exception):
    """A check found a problem; the message says what and, where known, how to fix it."""


@dataclass(frozen=True)
class Result:
    """One check's outcome, as printed."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return (
            f"ok: {self.name}: {self.detail}" if self.ok else f"FAIL: {self.name} ({self.detail})"
        )


# -- the checks --------------------------------------------------------------------------


def check_routines(folder: Path | None = None) -> str:
    """Every built-in routine loads, plans, and fits :data:`FIT_MINUTES` minutes exactly."""
    from massage_timer.core.planner import plan_routine
    from massage_timer.core.routine_errors import RoutineError
    from massage_timer.core.routine_file import load_routine_file
    from massage_timer.storage.catalog import BUILTIN_ORDER
    from massage_timer.storage.settings import Settings

    settings = Settings()  # what the window check runs with, in its private folders

    folder = folder if folder is not None else builtin_routines_dir()
    files = sorted(folder.glob("*.toml"))
    problems: list[str] = []
    loaded: list[str] = []
    for path in files:
        try:
            routine = load_routine_file(path, origin="builtin")
            plan_routine(routine, settings)
            fitted = plan_routine(routine, settings, minutes=FIT_MINUTES).total_ms
        except (RoutineError, ValueError) as exc:
            problems.append(str(exc))
            continue
        if fitted != FIT_MINUTES * 60_000:
            problems.append(f"{routine.id}: fitted to {fitted / 1000:g} s, not {FIT_MINUTES} min")
        loaded.append(routine.id)
    missing = [rid for rid in BUILTIN_ORDER if rid not in loaded and not _named(problems, rid)]
    if missing:
        problems.append(f"missing from {folder}: {', '.join(missing)}")
    if problems:
        raise CheckFailedError("; ".join(problems))
    return f"{len(loaded)} built-in routines load and plan; each fits {FIT_MINUTES} min exactly"


def _named(problems: list[str], routine_id: str) -> bool:
    return any(routine_id in p for p in problems)


def check_illustrations() -> str:
    """Every technique's SVG renders offscreen into an image with a real picture in it."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from massage_timer.core.technique_library import TECHNIQUES

    _application()
    problems: list[str] = []
    for technique_id in TECHNIQUES:
        path = illustration_path(technique_id)
        if not path.is_file():
            problems.append(f"{technique_id}: no file {path}")
            continue
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            problems.append(f"{technique_id}: Qt cannot read {path.name}")
            continue
        image = QImage(ILLUSTRATION_W, ILLUSTRATION_H, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, ILLUSTRATION_W, ILLUSTRATION_H))
        painter.end()
        coverage, colours = picture_stats(image)
        if coverage < MIN_COVERAGE or colours < MIN_COLOURS:
            problems.append(
                f"{technique_id}: nearly empty ({coverage:.1%} painted, {colours} colours)"
            )
    if problems:
        raise CheckFailedError("; ".join(problems))
    return f"{len(TECHNIQUES)} technique illustrations render ({ILLUSTRATION_W}x{ILLUSTRATION_H})"


def picture_stats(image: QImage) -> tuple[float, int]:
    """The share of pixels painted (alpha > 0) and how many distinct colours they use."""
    data = bytes(image.constBits())[: image.sizeInBytes()]
    pixels = [data[i : i + 4] for i in range(0, len(data), 4)]  # ARGB32: one int per pixel
    painted = [p for p in pixels if p != b"\0\0\0\0"]
    return len(painted) / max(1, len(pixels)), len(set(painted))


def check_sounds() -> str:
    """The shipped sounds read as WAVs, Qt Multimedia loads, and an output stream opens."""
    from massage_timer.audio import pcm
    from massage_timer.audio.sounds import SOUND_NAMES
    from massage_timer.resources import sound_path

    problems: list[str] = []
    for name in SOUND_NAMES:
        try:
            samples, _rate = pcm.read_wav(sound_path(f"{name}.wav"))
        except (OSError, pcm.BadWavError) as exc:
            problems.append(f"{name}.wav: {exc}")
            continue
        if not samples:
            problems.append(f"{name}.wav: no samples")
    try:
        from massage_timer.audio.output import quiet_multimedia_messages
    except ImportError as exc:
        problems.append(f"Qt Multimedia does not load: {exc}")
    if problems:
        raise CheckFailedError("; ".join(problems))
    _application()
    with quiet_multimedia_messages():
        output = _try_output()
    return f"{len(SOUND_NAMES)} sounds read; Qt Multimedia loads; {output}"


def _try_output() -> str:
    """Open the default output and stream a moment of silence at volume 0.

    No device is not a failure (sessions then run on captions); a device that is there
    but cannot be opened is: in a bundle it means a multimedia backend went missing.
    """
    from array import array

    from PySide6.QtCore import QCoreApplication

    from massage_timer.audio.output import QtAudioOut, default_output_device

    device = default_output_device()
    if device is None:
        return "no audio output here (sessions would run on captions)"
    out = QtAudioOut(device)
    try:
        out.set_volume(0.0)
        if not out.start():
            raise CheckFailedError(
                f"the audio output {device.description()!r} does not open: "
                f"{out.problem() or 'no stream'}"
            )
        out.write(array("h", bytes(2 * out.sample_rate // 10)))  # 0.1 s of silence
        end = time.monotonic() + 0.2
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        if (problem := out.problem()) is not None:
            raise CheckFailedError(f"the audio output {device.description()!r} failed: {problem}")
    finally:
        out.stop()
    return f"the output {device.description()!r} plays"


def check_speech(engine_factory: Callable[[], Any] | None = None) -> str:
    """The speech engine renders a cue to a WAV that has sound in it."""
    from massage_timer.audio import pcm
    from massage_timer.audio.availability import no_speech_warning
    from massage_timer.audio.speech import ENGINE_FACTORY, SpeechRenderer

    with tempfile.TemporaryDirectory(prefix="massage-timer-self-test-") as tmp:
        folder = Path(tmp)
        renderer = SpeechRenderer(engine_factory or ENGINE_FACTORY, cache_dir=lambda: folder)
        try:
            error = renderer.start(timeout=SPEECH_START_S)
            if error is not None:
                raise CheckFailedError(no_speech_warning(error))
            request = renderer.submit(
                [SPEECH_TEXT], voice="", rate=160, sample_rate=22050, on_ready=_ignore
            )
            if not request.wait([SPEECH_TEXT], timeout=SPEECH_RENDER_S):
                raise CheckFailedError(f"no cue rendered within {SPEECH_RENDER_S:g} s")
            wavs = sorted(folder.glob("*.wav"))
            if not wavs:
                problems = "; ".join(renderer.take_problems()) or "nothing was written"
                raise CheckFailedError(f"the engine rendered no WAV: {problems}")
            samples, rate = pcm.read_wav(wavs[0])
        finally:
            renderer.close()
    seconds = len(samples) / rate
    peak = max((abs(s) for s in samples), default=0)
    if seconds < MIN_SPEECH_SECONDS or peak < MIN_SPEECH_PEAK:
        raise CheckFailedError(f"the rendered cue is silent ({seconds:.2f} s, peak {peak})")
    engine = renderer.engine_name or "speech engine"
    return f"{engine} rendered a cue: {seconds:.1f} s at {rate} Hz, peak {peak}"


def _ignore(text: str, samples: object) -> None:
    """The check reads the WAV the renderer stored rather than the samples it hands on."""


def check_window() -> str:
    """A main window is built, shown and closed on the offscreen (or current) platform."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from massage_timer.core.cue_player import SilentPlayer
    from massage_timer.gui.main_window import MainWindow
    from massage_timer.gui.theme import apply_theme
    from massage_timer.storage.settings import Settings

    app = _application()
    settings = Settings()
    apply_theme(app, settings.theme)
    window = MainWindow(settings, player=SilentPlayer(), confirm=lambda *_: True)
    try:
        window.resize(1000, 700)
        window.show()
        deadline = time.monotonic() + EXPOSE_TIMEOUT_S
        handle = window.windowHandle()
        while not (handle is not None and handle.isExposed()) and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
            handle = window.windowHandle()
        window.finish_startup()
        QCoreApplication.processEvents()
        if not window.isVisible():
            raise CheckFailedError("the window did not show")
        shot = window.grab().toImage()
        if shot.isNull() or shot.width() < 100:
            raise CheckFailedError("the window painted nothing")
    finally:
        window.quit_now()
        window.deleteLater()
        QCoreApplication.processEvents()
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    if sys.platform.startswith("linux") and not any(plugins.glob("libqxcb*")):
        raise CheckFailedError(f"no xcb platform plugin in {plugins}: the app cannot open on X11")
    return f"main window built, shown and closed on '{app.platformName()}'"


# -- running them ------------------------------------------------------------------------

_APP: list[QApplication] = []  # the application the checks made, kept for the process


def _application() -> QApplication:
    """The running QApplication, or a new one (offscreen unless a platform was chosen)."""
    from PySide6.QtWidgets import QApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        _APP.append(app)
    if not isinstance(app, QApplication):
        raise CheckFailedError("a non-widget Qt application is already running in this process")
    return app


@contextmanager
def private_user_folders() -> Iterator[Path]:
    """Point the XDG folders at a temporary place: closing the window saves settings."""
    saved = {var: os.environ.get(var) for var in XDG_VARS}
    with tempfile.TemporaryDirectory(prefix="massage-timer-self-test-home-") as tmp:
        for var in XDG_VARS:
            os.environ[var] = str(Path(tmp) / var.lower())
        try:
            yield Path(tmp)
        finally:
            for var, value in saved.items():
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value


def run_check(name: str, check: Callable[[], str]) -> Result:
    """Run one check; any exception is that check's failure, never the whole run's."""
    try:
        return Result(name, True, check())
    except CheckFailedError as exc:
        return Result(name, False, str(exc))
    except Exception as exc:  # noqa: BLE001 - a broken install fails in unforeseen ways
        return Result(name, False, f"{type(exc).__name__}: {exc}")


def run_self_test(
    *,
    routines_dir: Path | None = None,
    engine_factory: Callable[[], Any] | None = None,
    out: TextIO | None = None,
) -> int:
    """Run every check, print one line each, and return 0 only if all of them passed.

    ``routines_dir`` and ``engine_factory`` replace the built-in routines folder and the
    speech engine (tests use them to show that a failure gives a non-zero status).
    """
    stream = out if out is not None else sys.stdout
    try:
        where = str(resource_root())
    except FileNotFoundError as exc:
        where = f"none: {exc}"
    print(f"massage-timer {__version__} self-test (resources: {where})", file=stream)
    checks: list[tuple[str, Callable[[], str]]] = [
        ("routines", lambda: check_routines(routines_dir)),
        ("illustrations", check_illustrations),
        ("sounds", check_sounds),
        ("speech", lambda: check_speech(engine_factory)),
        ("window", check_window),
    ]
    results: list[Result] = []
    with private_user_folders():
        for name, check in checks:
            result = run_check(name, check)
            print(result.line(), file=stream, flush=True)
            results.append(result)
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"self-test failed: {', '.join(failed)}", file=stream)
        return 1
    print(f"self-test passed: {len(results)} checks", file=stream)
    return 0
