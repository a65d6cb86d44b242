"""The window. PySide6 is imported only here and in ``massage_timer.audio`` (sound, and the
terminal's Qt loop); importing this package first refuses a PySide6 that would crash.

The core (``massage_timer.core``) knows nothing of Qt; :mod:`.session_controller` is the one
adapter that turns the engine's events into signals, and the views only show its state.
"""

from massage_timer.audio.pyside_import_scan import prepare_pyside

prepare_pyside()  # before any Qt: a leaking PySide6 would abort Python 3.11 mid-session
