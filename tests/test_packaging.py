"""Packaging: the wheel carries everything and works from anywhere; the desktop files are valid.

The wheel is built and installed into a fresh virtual environment for real (a few seconds).
The PyInstaller bundle is not built here (a minute or more): ``make bundle`` builds it and
runs its ``--self-test``; here only the spec's choices are checked against the app's imports.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from massage_timer.core.i18n import SHIPPED
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.storage.catalog import BUILTIN_ORDER

ROOT = Path(__file__).parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "massage-timer.desktop"
METAINFO = LINUX / "io.github.massage_timer.MassageTimer.metainfo.xml"
INSTALL_DESKTOP = LINUX / "install-desktop.sh"
SPEC = ROOT / "packaging" / "massage-timer.spec"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

# Renders one illustration from wherever massage_timer is installed; prints its share of
# painted pixels and where the file was.
RENDER = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from massage_timer.resources import illustration_path
from massage_timer.gui.self_test import picture_stats
app = QGuiApplication(sys.argv[:1])
path = illustration_path(sys.argv[1])
renderer = QSvgRenderer(str(path))
image = QImage(200, 150, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
renderer.render(painter, QRectF(0, 0, 200, 150))
painter.end()
print(renderer.isValid(), picture_stats(image)[0], path)
"""


# -- the wheel --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("massage_timer-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with only the wheel installed; its dependencies come from this venv.

    PySide6 is hundreds of megabytes, so rather than install it again a .pth file appends
    this environment's site-packages to the new one's path, after its own: the wheel's
    copy of massage_timer is the one that imports (this venv has an editable install).
    """
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "zz_outer_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def run_installed(venv: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a command from the new venv in ``/``, as someone who installed the wheel would."""
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    return subprocess.run(
        list(args), cwd="/", env=env, capture_output=True, text=True, check=True, timeout=120
    )


@pytest.mark.slow
def test_the_wheel_carries_routines_illustrations_sounds_and_icons(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    routines = {n for n in names if re.fullmatch(r"massage_timer/routines/[^/]+\.toml", n)}
    assert routines == {f"massage_timer/routines/{r}.toml" for r in BUILTIN_ORDER}
    for technique_id in TECHNIQUES:
        assert f"massage_timer/assets/illustrations/{technique_id}.svg" in names
    for sound in (ROOT / "assets" / "sounds").glob("*.wav"):
        assert f"massage_timer/assets/sounds/{sound.name}" in names
    assert any(n.startswith("massage_timer/assets/sounds/") for n in names)
    assert "massage_timer/assets/icons/massage-timer.svg" in names
    for size in ICON_SIZES:
        assert f"massage_timer/assets/icons/massage-timer-{size}.png" in names
    assert "massage_timer/gui/self_test.py" in names
    for language in SHIPPED[1:]:  # the compiled catalogs: the app reads nothing else
        assert f"massage_timer/locale/{language}/LC_MESSAGES/massage_timer.mo" in names
    assert not any(n.startswith(("tests/", "routines/", "assets/")) for n in names)


@pytest.mark.slow
def test_the_installed_wheel_lists_and_plans_from_anywhere(installed: Path, tmp_path: Path) -> None:
    exe = str(installed / "bin" / "massage-timer")
    listed = json.loads(run_installed(installed, exe, "list", "--json", tmp_path=tmp_path).stdout)
    builtins = [r for r in listed["routines"] if r["origin"] == "builtin"]
    assert [r["id"] for r in builtins] == list(BUILTIN_ORDER)
    assert all(str(installed) in r["path"] for r in builtins), "read from the installed wheel"
    plan = json.loads(
        run_installed(installed, exe, "plan", "quick-5", "--json", tmp_path=tmp_path).stdout
    )
    assert plan["total_seconds"] == 300
    german = run_installed(installed, exe, "--lang", "de", "list", tmp_path=tmp_path).stdout
    assert "Schnelle 5 Minuten" in german  # the catalogs work from the wheel


@pytest.mark.slow
def test_every_illustration_renders_from_the_installed_wheel(
    installed: Path, tmp_path: Path
) -> None:
    python = str(installed / "bin" / "python")
    for technique_id in TECHNIQUES:
        out = run_installed(installed, python, "-c", RENDER, technique_id, tmp_path=tmp_path)
        valid, coverage, path = out.stdout.split(maxsplit=2)
        assert valid == "True" and float(coverage) > 0.02, technique_id
        assert path.strip().startswith(str(installed)), path


# -- the bundle's spec ------------------------------------------------------------------


def spec_list(name: str) -> list[str]:
    """A list of strings assigned to ``name`` at the top of the spec file."""
    for node in ast.parse(SPEC.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(v) for v in value]
    raise AssertionError(f"{name} not in {SPEC}")


def qt_modules_the_app_imports() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "massage_timer").rglob("*.py"):
        found.update(re.findall(r"from PySide6\.(Qt\w+) import", path.read_text()))
    return found


def test_the_spec_keeps_every_qt_module_the_app_imports() -> None:
    used = qt_modules_the_app_imports()
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtMultimedia"} <= used
    assert not used & set(spec_list("UNUSED_QT")), "the bundle would lack a module in use"


def test_the_spec_drops_no_plugin_the_app_needs() -> None:
    needed = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6Multimedia.so.6",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
    ]
    dropped = [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/translations/qtbase_ja.qm",
        "PySide6/Qt/translations/qtmultimedia_de.qm",
        "PySide6/Qt/translations/qtbase_zh_TW.qm",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
    ]
    patterns = spec_list("DROP")
    for dest in needed:
        assert not any(re.search(p, dest) for p in patterns), dest
    for dest in dropped:
        assert any(re.search(p, dest) for p in patterns), dest


def test_the_bundle_entry_point_is_the_cli() -> None:
    entry = (ROOT / "packaging" / "entry.py").read_text()
    assert "from massage_timer.cli import run" in entry
    assert '"entry.py"' in SPEC.read_text()


# -- the desktop files --------------------------------------------------------------------


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian package {package})")
    return path


def test_the_desktop_file_is_valid() -> None:
    tool = need("desktop-file-validate", "desktop-file-utils")
    out = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout


def test_the_appstream_metadata_is_valid() -> None:
    tool = need("appstreamcli", "appstream")
    out = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_desktop_file_and_metadata_agree() -> None:
    text = DESKTOP.read_text()
    assert "\nIcon=massage-timer\n" in text and "\nExec=massage-timer\n" in text
    assert "\nTerminal=false\n" in text
    meta = METAINFO.read_text()
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in meta
    assert "<binary>massage-timer</binary>" in meta
    assert '<release version="0.1.0"' in meta


@pytest.fixture
def data_home(tmp_path: Path) -> Path:
    return tmp_path / "share"


def install_desktop(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        ["bash", str(INSTALL_DESKTOP), *args], env=env, capture_output=True, text=True, check=True
    )


def installed_files(data_home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data_home)): p.read_bytes()
        for p in sorted(data_home.rglob("*"))
        if p.is_file() and p.name != "mimeinfo.cache"
    }


def test_install_desktop_installs_for_the_user_and_again_the_same(
    data_home: Path, tmp_path: Path
) -> None:
    app = tmp_path / "my apps" / "massage-timer"
    app.parent.mkdir()
    app.write_text("#!/bin/sh\n")
    app.chmod(0o755)
    install_desktop(data_home, "--exec", str(app))
    first = installed_files(data_home)
    expected = {
        "applications/massage-timer.desktop",
        "metainfo/io.github.massage_timer.MassageTimer.metainfo.xml",
        "icons/hicolor/scalable/apps/massage-timer.svg",
    } | {f"icons/hicolor/{n}x{n}/apps/massage-timer.png" for n in ICON_SIZES}
    assert set(first) == expected
    desktop = first["applications/massage-timer.desktop"].decode()
    assert f'\nExec="{app}"\n' in desktop and f'\nExec="{app}" --quick\n' in desktop
    install_desktop(data_home, "--exec", str(app))
    assert installed_files(data_home) == first
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", str(data_home / "applications/massage-timer.desktop")],
            check=True,
        )
    install_desktop(data_home, "--uninstall")
    assert installed_files(data_home) == {}


def test_install_desktop_refuses_what_is_not_a_program(data_home: Path, tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError) as failed:
        install_desktop(data_home, "--exec", str(tmp_path / "nothing-here"))
    assert "not an executable" in failed.value.stderr or "No such file" in failed.value.stderr


# -- the bench ---------------------------------------------------------------------------


def test_the_bundle_bench_without_a_bundle(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bundle_startup.py"), str(tmp_path / "none")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "no bundle: run make bundle"
