"""Speech rendered ahead of time: a pyttsx3 worker thread and a WAV cache on disk.

Every distinct cue text is synthesized once to a file, trimmed of the synthesizer's
leading silence, and kept in the platform's cache folder under a key made of the text,
voice, rate and engine. A session then plays finished samples the instant a cue is
due instead of waiting for synthesis.

pyttsx3 2.99 on Linux drives libespeak-ng through ctypes with process-wide state (one
synthesis callback, one "file to write"); ``say()`` shells out to aplay. So the worker
only ever uses ``save_to_file()`` + ``runAndWait()``, one file at a time, with an engine
made in the worker's own thread, under one process-wide lock.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import sys
import tempfile
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from massage_timer import paths
from massage_timer.audio import pcm
from massage_timer.audio.cache_key import cache_key
from massage_timer.audio.rules import choose_voice
from massage_timer.core.i18n import _

_ENGINE_LOCK = threading.Lock()  # libespeak-ng has one synthesis callback per process
RENDER_TIMEOUT_S = 30.0  # a cue's synthesis takes milliseconds; this only catches a hang
RENDER_ATTEMPTS = 3
CUE_LIMIT = 16 << 20  # bytes of one cached or rendered cue: six minutes of speech


@dataclass(frozen=True)
class Voice:
    """A voice the engine offers: ``id`` goes into the settings, ``name`` is shown."""

    id: str
    name: str
    languages: tuple[str, ...] = ()  # the engine's language tags: "de", "en-gb", "cmn"


class SpeechEngine(Protocol):
    """What the renderer needs from a synthesizer."""

    name: str  # the engine and its version: part of every cache key

    def voices(self) -> list[Voice]: ...

    def default_voice(self) -> str: ...

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        """Write ``text`` spoken with ``voice`` at ``rate`` words a minute as a WAV at ``path``."""


EngineFactory = Callable[[], SpeechEngine]


def _language_tags(voice: Any) -> tuple[str, ...]:
    # espeak gives ["de"]; other drivers give bytes with a priority byte in front.
    tags = []
    for tag in getattr(voice, "languages", None) or ():
        text = tag[1:].decode("ascii", "ignore") if isinstance(tag, bytes) else str(tag)
        if text:
            tags.append(text.lower())
    return tuple(tags)


def _quiet(*args: object, **kwargs: object) -> None:
    """Stands in for print() inside the pyttsx3 driver, which announces every saved file."""


class Pyttsx3Engine:
    """pyttsx3, on Linux through its espeak driver. Make it in the thread that uses it.

    With espeak, ``runAndWait()`` returns as soon as synthesis has *started* (its own
    end-of-loop command is queued behind ``save_to_file``), and libespeak-ng finishes
    the file from its own thread. So a render also waits for the driver's
    "finished-utterance" notice, which comes after the file is written.
    """

    def __init__(self, driver: str | None = None) -> None:
        import pyttsx3

        if driver is None and sys.platform.startswith("linux"):
            driver = "espeak"
        self._finished = threading.Event()
        self._wait_for_notice = driver == "espeak"
        with _ENGINE_LOCK:
            self._engine: Any = pyttsx3.init(driver)
            self._engine.connect("finished-utterance", self._on_finished)
            module = sys.modules.get(f"pyttsx3.drivers.{driver}") if driver else None
            if module is not None:
                # Its "Audio saved to ..." lines would land in the JSON events on stdout.
                module.print = _quiet  # type: ignore[attr-defined]
            self._default = str(self._engine.getProperty("voice") or "")
            self._voices = [
                Voice(str(v.id), str(v.name or v.id), _language_tags(v))
                for v in self._engine.getProperty("voices")
            ]
        self.name = f"pyttsx3 {_version('pyttsx3')} {driver or 'default'} {_espeak_version()}"

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def default_voice(self) -> str:
        return self._default

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        # Now and then (about one cue in a few hundred) the espeak driver's callbacks race
        # and it writes a WAV holding no samples; the same text renders fine again.
        problem = ""
        for _attempt in range(RENDER_ATTEMPTS):
            self._render_once(text, voice, rate, path)
            try:
                pcm.read_wav(path, CUE_LIMIT)
                return
            except (OSError, pcm.BadWavError) as exc:
                problem = str(exc)
        raise RuntimeError(f"the speech engine wrote no sound: {problem}")

    def _render_once(self, text: str, voice: str, rate: int, path: Path) -> None:
        with _ENGINE_LOCK:
            self._finished.clear()
            self._engine.setProperty("voice", voice or self._default)
            self._engine.setProperty("rate", rate)
            self._engine.setProperty("volume", 1.0)  # the player sets the loudness
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            if self._wait_for_notice and not self._finished.wait(RENDER_TIMEOUT_S):
                raise RuntimeError(f"no speech came within {RENDER_TIMEOUT_S:g} s")

    def _on_finished(self, name: object = None, completed: object = None) -> None:
        # Called from libespeak-ng's thread once the file is written.
        self._finished.set()


def _version(dist: str) -> str:
    """The installed version of the already imported ``dist``, for the cache key.

    Read from the ``{name}-{version}.dist-info`` folder beside the package, as a wheel
    installs it: importing importlib.metadata (with the email package) costs 2 MiB of the
    running window's memory. Other installs (egg-info, editable) ask importlib.metadata.
    """
    module = sys.modules.get(dist)
    where = getattr(module, "__file__", None)
    if isinstance(where, str):
        with contextlib.suppress(OSError):
            found = sorted(Path(where).parent.parent.glob(f"{dist}-*.dist-info"))
            if len(found) == 1:
                return found[0].name.removeprefix(f"{dist}-").removesuffix(".dist-info")
    import importlib.metadata

    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _espeak_version() -> str:
    module = sys.modules.get("pyttsx3.drivers._espeak")
    info = getattr(module, "Info", None)
    try:
        raw = info() if info is not None else b""
    except Exception:  # noqa: BLE001 - a version is only a cache-key detail
        raw = b""
    return "espeak-ng " + raw.decode(errors="replace") if raw else ""


class SpeechCache:
    """Trimmed cue WAVs in one folder; a damaged file is deleted and rendered again.

    The cache only saves time: a folder that cannot be written (read-only, full, a file
    in its place) means every cue is rendered afresh, never that a cue goes unsaid.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.discarded = 0  # damaged files found (for tests and diagnostics)
        self.unwritable: str | None = None  # why nothing can be stored, once found

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.wav"

    def load(self, key: str) -> tuple[array[int], int] | None:
        path = self.path(key)
        try:
            return pcm.read_wav(path, CUE_LIMIT)
        except FileNotFoundError:
            return None
        except (OSError, pcm.BadWavError):
            # Damaged, or a FIFO or folder in its place: render it again.
            self.discarded += 1
            with contextlib.suppress(OSError):
                path.unlink()  # storing it again replaces it anyway
            return None

    def check_writable(self) -> str | None:
        """Why cues cannot be stored here (None when they can); found once, by trying."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(prefix=".probe-", dir=self.folder)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            self.unwritable = exc.strerror or str(exc)
        return self.unwritable

    def store(self, key: str, samples: array[int], rate: int) -> str | None:
        """Keep a cue for next time; returns why it could not be kept (None when it was)."""
        if self.unwritable is not None:
            return self.unwritable
        try:
            pcm.write_wav_atomic(self.path(key), samples, rate)
        except OSError as exc:
            self.unwritable = exc.strerror or str(exc)
        return self.unwritable


def cache_unwritable_warning(folder: Path, reason: str) -> str:
    return _(
        "The voice cache {folder} cannot be written ({reason}); "
        "every cue is spoken from a fresh rendering instead."
    ).format(folder=folder, reason=reason)


@contextlib.contextmanager
def _scratch_folder(cache: SpeechCache) -> Iterator[Path]:
    """Where the engine writes a raw file: the cache folder, or a temporary folder.

    The engine must be handed a path it can write: pyttsx3's espeak driver fails inside
    libespeak-ng's callback otherwise, prints a traceback and never finishes the cue.
    A temporary folder is removed before the cue is reported done, so a process that
    exits right after (an export) leaves nothing behind.
    """
    if cache.unwritable is None:
        yield cache.folder
        return
    folder = Path(tempfile.mkdtemp(prefix="massage-timer-speech-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class RenderRequest:
    """Texts to render in order; ``on_ready`` gets each one's samples from the worker."""

    def __init__(
        self,
        texts: Sequence[str],
        voice: str,
        rate: int,
        sample_rate: int,
        on_ready: Callable[[str, array[int]], None],
    ) -> None:
        self.texts = tuple(dict.fromkeys(texts))  # each distinct text once, first use first
        self.voice = voice
        self.rate = rate
        self.sample_rate = sample_rate
        self.on_ready = on_ready
        self.cancelled = False
        self.failures: dict[str, str] = {}  # texts that could not be rendered, and why
        self._done: set[str] = set()
        self._changed = threading.Condition()

    def cancel(self) -> None:
        """Stop rendering what is left (settings changed, or the plan did)."""
        self.cancelled = True
        with self._changed:
            self._changed.notify_all()

    def finish(self, text: str, failure: str | None = None) -> None:
        """``text`` was handled: its samples were handed on, or ``failure`` says why not."""
        with self._changed:
            if failure is not None:
                self.failures[text] = failure
            self._done.add(text)
            self._changed.notify_all()

    def unsaid(self, texts: Iterable[str]) -> dict[str, str]:
        """Those of ``texts`` that have no sound: failed, or not rendered (yet), and why."""
        with self._changed:
            return {
                t: self.failures.get(t, "not rendered in time")
                for t in dict.fromkeys(texts)
                if t in self.failures or t not in self._done
            }

    def wait(self, texts: Iterable[str], timeout: float) -> bool:
        """Block until every one of ``texts`` was handled (or ``timeout`` s); True if so."""
        wanted = set(texts)
        with self._changed:
            return (
                self._changed.wait_for(
                    lambda: self.cancelled or wanted <= self._done, timeout=timeout
                )
                and wanted <= self._done
            )


class SpeechRenderer:
    """One worker thread that owns the speech engine and renders requests in turn."""

    def __init__(
        self,
        engine_factory: EngineFactory = Pyttsx3Engine,
        cache_dir: Callable[[], Path] = paths.voice_cache_dir,
    ) -> None:
        self._factory = engine_factory
        self._cache_dir = cache_dir
        self._queue: queue.Queue[RenderRequest | None] = queue.Queue()
        self._started = threading.Event()
        self._thread: threading.Thread | None = None
        self._problems: list[str] = []
        self._reported: set[str] = set()
        self._lock = threading.Lock()
        self.error: str | None = None  # why there is no engine, once start() has told
        self.engine_name = ""
        self.voices: list[Voice] = []
        self.default_voice = ""
        self.last_cache: SpeechCache | None = None

    def start(self, timeout: float = 5.0) -> str | None:
        """Start the worker and its engine; returns why it cannot speak, or None."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
            self._thread.start()
        if not self._started.wait(timeout):
            self.error = f"the speech engine did not start within {timeout:g} seconds"
        return self.error

    @property
    def ok(self) -> bool:
        return self._started.is_set() and self.error is None

    def submit(
        self,
        texts: Sequence[str],
        voice: str,
        rate: int,
        sample_rate: int,
        on_ready: Callable[[str, array[int]], None],
    ) -> RenderRequest:
        """Queue ``texts`` for rendering; cancel the request to drop what is left."""
        request = RenderRequest(texts, voice, rate, sample_rate, on_ready)
        self._queue.put(request)
        return request

    def take_problems(self) -> list[str]:
        """Warnings met while rendering, each said once, since the last call."""
        with self._lock:
            problems, self._problems = self._problems, []
        return problems

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)

    # -- the worker thread -----------------------------------------------------------

    def _problem(self, message: str) -> None:
        with self._lock:
            if message not in self._reported:
                self._reported.add(message)
                self._problems.append(message)

    def _run(self) -> None:
        try:
            engine = self._factory()
            self.voices = engine.voices()
            self.default_voice = engine.default_voice()
            self.engine_name = engine.name
            self.error = None  # it may have come after start() gave up waiting
        except Exception as exc:  # noqa: BLE001 - any failure means: no voice, captions only
            self.error = str(exc) or type(exc).__name__
            self._started.set()
            return
        self._started.set()
        while (request := self._queue.get()) is not None:
            self._serve(engine, request)

    def _serve(self, engine: SpeechEngine, request: RenderRequest) -> None:
        choice = choose_voice(request.voice, self.voices)
        if choice.warning is not None:
            self._problem(choice.warning)
        voice = choice.voice or self.default_voice
        cache = SpeechCache(self._cache_dir())
        self.last_cache = cache
        if (unwritable := cache.check_writable()) is not None:
            self._problem(cache_unwritable_warning(cache.folder, unwritable))
        for text in request.texts:
            if request.cancelled:
                return
            try:
                with _scratch_folder(cache) as scratch:
                    samples = self._samples(engine, cache, scratch, text, voice, request.rate)
            except Exception as exc:  # noqa: BLE001 - one bad cue must not silence the rest
                reason = _one_line(exc)
                self._problem(cue_failed_warning(reason))
                request.finish(text, reason)
                continue
            if samples:
                request.on_ready(text, pcm.resample(samples[0], samples[1], request.sample_rate))
            request.finish(text)

    def _samples(
        self,
        engine: SpeechEngine,
        cache: SpeechCache,
        scratch: Path,
        text: str,
        voice: str,
        rate: int,
    ) -> tuple[array[int], int] | None:
        key = cache_key(text, voice, rate, engine.name)
        found = cache.load(key)
        if found is not None:
            return found
        # Made here, so the engine is handed a file that exists and can be written.
        fd, name = tempfile.mkstemp(prefix=".render-", suffix=".wav", dir=scratch)
        os.close(fd)
        try:
            engine.render(text, voice, rate, Path(name))
            raw, raw_rate = pcm.read_wav(Path(name), CUE_LIMIT)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
        samples = pcm.trim(raw, raw_rate)
        if not samples:
            return None  # nothing audible (a text of punctuation): nothing to play
        unwritable = cache.store(key, samples, raw_rate)
        if unwritable is not None:  # the folder filled up or went read-only meanwhile
            self._problem(cache_unwritable_warning(cache.folder, unwritable))
        return samples, raw_rate


def cue_failed_warning(reason: str) -> str:
    return _(
        "The speech engine failed ({reason}); cues it cannot say show as captions only."
    ).format(reason=reason)


def _one_line(exc: BaseException) -> str:
    """An engine's error in one short line: pyttsx3 and espeak can say a lot."""
    lines = str(exc).strip().splitlines()
    line = lines[0] if lines else type(exc).__name__
    return line if len(line) <= 160 else line[:157] + "..."


_shared: dict[EngineFactory, SpeechRenderer] = {}
_shared_lock = threading.Lock()


def shared_renderer(engine_factory: EngineFactory | None = None) -> SpeechRenderer:
    """The process's renderer for ``engine_factory`` (default: pyttsx3), started."""
    factory = engine_factory or default_engine_factory()
    with _shared_lock:
        renderer = _shared.get(factory)
        if renderer is None:
            renderer = _shared[factory] = SpeechRenderer(factory)
    renderer.start()
    return renderer


def default_engine_factory() -> EngineFactory:
    """What makes the real engine; tests swap ``ENGINE_FACTORY`` to simulate a missing one."""
    return ENGINE_FACTORY


ENGINE_FACTORY: EngineFactory = Pyttsx3Engine
