"""The sound output starts Qt Multimedia without its media-player backend.

In a fresh Python (Qt Multimedia makes its platform integration once per process): the
first device query loads no FFmpeg plugin, and the plugin search paths are as before, so
later image and icon plugins still load. That sound still plays this way is shown by the
end-to-end tests on a real PulseAudio server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication
from massage_timer.audio.output import default_output_device

app = QApplication([])
before = QCoreApplication.libraryPaths()
default_output_device()
maps = Path("/proc/self/maps").read_text()
print(json.dumps({
    "paths_kept": QCoreApplication.libraryPaths() == before,
    "media_plugin": "mediaplugin" in maps,
    "svg_reader": b"svg" in [bytes(f) for f in QImageReader.supportedImageFormats()],
}))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="reads /proc/self/maps")
def test_the_device_query_loads_no_media_backend_and_keeps_the_plugin_paths() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": "/nonexistent"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found == {"paths_kept": True, "media_plugin": False, "svg_reader": True}
