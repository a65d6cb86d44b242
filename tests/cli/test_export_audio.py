"""``export-audio`` onto what a user may name: files, devices, pipes, folders, missing paths."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from massage_timer.audio import export_target, speech
from massage_timer.cli.main import main
from tests.audio.fakes import FakeEngine

ENGINE = FakeEngine()


def fake_engine() -> FakeEngine:
    return ENGINE


@pytest.fixture(autouse=True)
def fake_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "ENGINE_FACTORY", fake_engine)


def export(capsys: pytest.CaptureFixture[str], target: Path | str) -> tuple[int, str, str]:
    code = main(["export-audio", "quick-5", str(target)])
    out, err = capsys.readouterr()
    return code, out, err


def bind_socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))  # the socket file stays after the socket is closed


def is_wav(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WAVE" and len(data) > 1_000_000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for the exports (``tmp_path`` also holds the user's folders)."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def test_a_new_file_and_an_existing_one(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = folder / "session.wav"
    code, said, err = export(capsys, out)
    assert code == 0 and err == "" and said.startswith(f"Wrote {out} (5:00, ")
    assert is_wav(out.read_bytes()) and stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o600)
    link = folder / "link.wav"
    link.symlink_to(out)
    assert export(capsys, link)[0] == 0
    assert link.is_symlink() and stat.S_IMODE(out.stat().st_mode) == 0o600  # kept as it was
    assert sorted(p.name for p in folder.iterdir()) == ["link.wav", "session.wav"]


def test_a_character_device_stays_a_device(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = folder / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null twin
    except PermissionError:
        pytest.skip("making a device node needs root")
    code, said, err = export(capsys, device)
    assert code == 0 and err == "" and said.startswith(f"Wrote {device}")
    assert stat.S_ISCHR(device.lstat().st_mode) and device.lstat().st_rdev == os.makedev(1, 3)
    assert [p.name for p in folder.iterdir()] == ["null"]  # no temporary left beside it


def test_a_named_pipe_gets_the_wav_as_a_stream(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe.wav"
    os.mkfifo(pipe)
    got: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as f:
            got.append(f.read())

    reader = threading.Thread(target=read)
    reader.start()
    code, said, err = export(capsys, pipe)
    if code != 0:  # release the reader, which waits for a writer that never came
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(30)
    assert code == 0 and err == "" and said.startswith(f"Wrote {pipe}")
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and is_wav(got[0])


def test_a_named_pipe_nobody_reads_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_target, "READER_WAIT_S", 0.0)
    pipe = tmp_path / "pipe.wav"
    os.mkfifo(pipe)
    code, said, err = export(capsys, pipe)
    assert code == 1 and said == "" and "no program read from this named pipe" in err
    assert len(err.splitlines()) == 1 and stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_full_device_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    code, said, err = export(capsys, "/dev/full")
    assert code == 1 and said == ""
    assert err == "massage-timer: cannot write /dev/full: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "it is a folder"),
        (bind_socket, "it is a socket"),
        (lambda _: None, "does not exist"),  # its folder, that is
    ],
)
def test_what_cannot_take_a_wav_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], None], message: str
) -> None:
    target = tmp_path / "out.wav"
    if message == "does not exist":
        target = tmp_path / "nonexistent" / "sub" / "out.wav"
    make(target)
    rendered = len(ENGINE.rendered)
    code, said, err = export(capsys, target)
    assert code == 1 and said == "" and len(err.splitlines()) == 1
    assert err.startswith(f"massage-timer: cannot write {target}: ") and message in err
    assert not (tmp_path / "nonexistent").exists()  # no folders made
    assert len(ENGINE.rendered) == rendered


def test_a_missing_folder_at_the_root_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, said, err = export(capsys, "/nonexistent/sub/out.wav")
    assert (code, said) == (1, "")
    assert err == (
        "massage-timer: cannot write /nonexistent/sub/out.wav: "
        "the folder /nonexistent/sub does not exist\n"
    )
    assert not os.path.exists("/nonexistent")
