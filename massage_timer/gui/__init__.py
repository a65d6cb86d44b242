"""The window: every Qt import of massage-timer lives in this package.

The core (``massage_timer.core``) knows nothing of Qt; :mod:`.session_controller` is the one
adapter that turns the engine's events into signals, and the views only show its state.
"""

from massage_timer.pyside_guard import guard_singletons

guard_singletons()  # before any PySide6 call: PySide6 6.12 on CPython 3.11 drops references
