"""The ``massage-timer`` command line: the parser and commands, and the terminal session.

Nothing here imports PySide6: a session with sound reaches Qt only through the
``audio`` package (its cue player and :mod:`massage_timer.audio.qt_loop`).
"""
