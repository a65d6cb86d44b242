"""The speech renderer and its cache, with a fake engine (and the real one where present)."""

from __future__ import annotations

import os
import tempfile
import threading
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from massage_timer import paths
from massage_timer.audio import pcm
from massage_timer.audio.cache_key import cache_key
from massage_timer.audio.rules import voice_missing_warning
from massage_timer.audio.speech import Pyttsx3Engine, SpeechRenderer, shared_renderer

from .fakes import LEAD_IN, RATE, FakeEngine, broken_engine


class Collected:
    """An ``on_ready`` that keeps what arrives, in order."""

    def __init__(self) -> None:
        self.items: list[tuple[str, array[int]]] = []
        self.lock = threading.Lock()

    def __call__(self, text: str, samples: array[int]) -> None:
        with self.lock:
            self.items.append((text, samples))

    @property
    def texts(self) -> list[str]:
        return [t for t, _ in self.items]


def renderer_with(engine: FakeEngine, cache: Path) -> SpeechRenderer:
    renderer = SpeechRenderer(lambda: engine, cache_dir=lambda: cache)
    assert renderer.start() is None
    return renderer


def render(
    renderer: SpeechRenderer, texts: list[str], voice: str = "", rate: int = 160
) -> Collected:
    got = Collected()
    request = renderer.submit(texts, voice, rate, RATE, got)
    assert request.wait(texts, timeout=10)
    return got


def test_renders_each_text_once_in_order_trimmed_and_cached(tmp_path: Path) -> None:
    engine = FakeEngine()
    renderer = renderer_with(engine, tmp_path)
    got = render(renderer, ["Two.", "One. Hold.", "Two."])
    assert got.texts == ["Two.", "One. Hold."]
    assert [r[0] for r in engine.rendered] == ["Two.", "One. Hold."]
    samples = got.items[0][1]
    assert samples[0] != 0 or samples[RATE * pcm.KEEP_BEFORE_MS // 1000] != 0  # lead-in trimmed
    assert len(samples) < LEAD_IN + RATE * 4 // 1000 + 100
    assert len(list(tmp_path.glob("*.wav"))) == 2
    # A second session finds them in the cache: the engine is not asked again.
    again = render(renderer, ["One. Hold.", "Two."])
    assert len(engine.rendered) == 2 and again.items[1][1] == samples
    renderer.close()


def test_cache_key_depends_on_text_voice_rate_and_engine() -> None:
    base = cache_key("Release.", "en", 160, "e 1")
    others = [
        cache_key("Release!", "en", 160, "e 1"),
        cache_key("Release.", "de", 160, "e 1"),
        cache_key("Release.", "en", 170, "e 1"),
        cache_key("Release.", "en", 160, "e 2"),
    ]
    assert base not in others and len(set(others)) == 4


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],  # cut short by a crash
        lambda data: b"not a wav at all",
        lambda data: data[:44],  # a header and nothing else
    ],
)
def test_a_corrupt_cache_file_is_deleted_and_rendered_again(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    engine = FakeEngine()
    renderer = renderer_with(engine, tmp_path)
    first = render(renderer, ["Halfway."]).items[0][1]
    [cached] = tmp_path.glob("*.wav")
    cached.write_bytes(damage(cached.read_bytes()))
    again = render(renderer, ["Halfway."])
    assert again.items[0][1] == first
    assert len(engine.rendered) == 2
    assert renderer.last_cache is not None and renderer.last_cache.discarded == 1
    assert pcm.read_wav(cached)[0] == first  # a good file took its place
    renderer.close()


def test_voice_and_rate_reach_the_engine(tmp_path: Path) -> None:
    engine = FakeEngine()
    renderer = renderer_with(engine, tmp_path)
    render(renderer, ["Hi."], voice="de", rate=200)
    render(renderer, ["Hi."], voice="", rate=200)
    assert engine.rendered == [("Hi.", "de", 200), ("Hi.", "en", 200)]
    assert renderer.take_problems() == []


def test_a_missing_voice_falls_back_to_the_default_with_one_warning(tmp_path: Path) -> None:
    engine = FakeEngine()
    renderer = renderer_with(engine, tmp_path)
    render(renderer, ["A."], voice="klingon")
    render(renderer, ["B."], voice="klingon")
    assert [r[1] for r in engine.rendered] == ["en", "en"]
    assert renderer.take_problems() == [voice_missing_warning("klingon")]
    assert renderer.take_problems() == []


def test_a_cue_the_engine_fails_on_is_skipped_and_the_rest_render(tmp_path: Path) -> None:
    engine = FakeEngine(fail_on="Boom")
    renderer = renderer_with(engine, tmp_path)
    got = render(renderer, ["One.", "Boom.", "Three."])
    assert got.texts == ["One.", "Three."]
    [problem] = renderer.take_problems()
    assert "speech engine failed" in problem and "captions" in problem


def test_a_cancelled_request_stops(tmp_path: Path) -> None:
    engine = FakeEngine()
    renderer = SpeechRenderer(lambda: engine, cache_dir=lambda: tmp_path)
    gate = threading.Event()

    def hold_the_worker(text: str, samples: array[int]) -> None:
        gate.wait(5)

    blocker = renderer.submit(["A."], "", 160, RATE, hold_the_worker)
    assert renderer.start() is None
    request = renderer.submit(["B.", "C."], "", 160, RATE, Collected())
    request.cancel()
    gate.set()
    assert blocker.wait(["A."], 5)
    assert not request.wait(["B."], 0.2)
    follow = render(renderer, ["D."])
    assert follow.texts == ["D."] and [r[0] for r in engine.rendered] == ["A.", "D."]


def test_no_engine_is_reported_not_raised(tmp_path: Path) -> None:
    renderer = SpeechRenderer(broken_engine, cache_dir=lambda: tmp_path)
    error = renderer.start()
    assert error is not None and "eSpeak" in error
    assert not renderer.ok and renderer.voices == []


def test_a_hung_engine_start_is_reported(tmp_path: Path) -> None:
    release = threading.Event()

    def slow() -> FakeEngine:
        release.wait(5)
        return FakeEngine()

    renderer = SpeechRenderer(slow, cache_dir=lambda: tmp_path)
    assert "did not start" in (renderer.start(timeout=0.05) or "")
    assert not renderer.ok
    release.set()
    assert renderer.start() is None and renderer.ok  # a late engine is still welcome


def test_shared_renderer_is_one_per_factory() -> None:
    engine = FakeEngine()

    def factory() -> FakeEngine:
        return engine

    assert shared_renderer(factory) is shared_renderer(factory)
    assert shared_renderer(factory).engine_name == "fake-engine 1"


def _real_engine() -> Pyttsx3Engine:
    try:
        return Pyttsx3Engine()
    except Exception as exc:  # noqa: BLE001 - any failure means the engine is not here
        pytest.skip(f"no speech engine here: {exc}")


def test_real_engine_renders_whole_files_quietly(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    engine = _real_engine()
    assert engine.voices() and engine.default_voice()
    long_text = (
        "Release. Next: Shoulder blade squeeze. Sit tall. Pull your shoulder blades together."
    )
    for i in range(3):
        # Read at once: runAndWait alone returns before libespeak-ng has written the file.
        path = tmp_path / f"{i}.wav"
        engine.render(long_text, "", 160, path)
        samples, rate = pcm.read_wav(path)
        assert len(samples) / rate > 3
    assert "Audio saved" not in capfd.readouterr().out  # stdout may carry JSON events


def test_real_engine_through_the_renderer_and_cache(tmp_path: Path) -> None:
    _real_engine()
    renderer = shared_renderer()
    got = render(renderer, ["Ten seconds left."])
    samples = got.items[0][1]
    assert len(samples) > RATE // 2
    assert max(abs(s) for s in samples[: RATE // 100]) > pcm.SILENCE_LEVEL  # starts at once
    [cached] = paths.voice_cache_dir().glob("*.wav")
    cached.write_bytes(cached.read_bytes()[:100])  # damage it
    again = render(renderer, ["Ten seconds left."])
    # Rendered afresh (espeak is not bit-exact from one run to the next).
    assert abs(len(again.items[0][1]) - len(samples)) < RATE // 20
    assert renderer.last_cache is not None and renderer.last_cache.discarded == 1
    assert len(pcm.read_wav(cached)[0]) == len(again.items[0][1])


@pytest.fixture
def own_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private system temporary folder, to see what the renderer leaves in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def unwritable_cache(tmp_path: Path, how: str) -> Path:
    if how == "file in its place":
        (tmp_path / "cache").write_text("not a folder")
        return tmp_path / "cache" / "voice"
    folder = tmp_path / "voice"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        pytest.skip("a read-only folder is writable here (running as root)")
    return folder


@pytest.mark.parametrize("how", ["read-only folder", "file in its place"])
def test_an_unwritable_cache_still_gives_speech_and_leaves_nothing_behind(
    tmp_path: Path, own_tmpdir: Path, how: str
) -> None:
    engine = FakeEngine()
    cache = unwritable_cache(tmp_path, how)
    renderer = renderer_with(engine, cache)
    got = render(renderer, ["One.", "Two."])
    assert got.texts == ["One.", "Two."] and all(samples for _, samples in got.items)
    [problem] = renderer.take_problems()
    assert str(cache) in problem and "\n" not in problem
    assert list(own_tmpdir.iterdir()) == []  # the temporary render folder is gone
    again = render(renderer, ["One."])  # nothing cached: rendered afresh, said once more
    assert again.texts == ["One."] and len(engine.rendered) == 3
    assert renderer.take_problems() == []  # the warning is given once
    renderer.close()


def test_a_fifo_in_the_cache_is_rendered_again_not_waited_on(tmp_path: Path) -> None:
    engine = FakeEngine()
    renderer = renderer_with(engine, tmp_path)
    first = render(renderer, ["Breathe."]).items[0][1]
    [cached] = tmp_path.glob("*.wav")
    cached.unlink()
    os.mkfifo(cached)  # no writer: a plain open() would block the worker for good
    again = render(renderer, ["Breathe."])
    assert again.items[0][1] == first and len(engine.rendered) == 2
    assert pcm.read_wav(cached)[0] == first  # a real file took its place
    renderer.close()


def test_a_failed_cue_is_reported_by_the_request(tmp_path: Path) -> None:
    renderer = renderer_with(FakeEngine(fail_on="Boom"), tmp_path)
    request = renderer.submit(["One.", "Boom."], "", 160, RATE, Collected())
    assert request.wait(["One.", "Boom."], timeout=10)
    assert request.unsaid(["One.", "Boom.", "Boom."]) == {"Boom.": "cannot say 'Boom.'"}
    renderer.close()


def test_the_engine_version_is_read_from_its_dist_info_as_importlib_reads_it() -> None:
    import importlib.metadata

    import pyttsx3  # noqa: F401 - the version is looked up beside the imported package

    from massage_timer.audio.speech import _version

    assert _version("pyttsx3") == importlib.metadata.version("pyttsx3")
    assert _version("no_such_package_here") == "?"
