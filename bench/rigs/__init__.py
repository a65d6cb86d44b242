"""Rigs shared by the benchmarks and the end-to-end tests: a private X screen
(:mod:`.xvfb`), a private PulseAudio server that records what it plays (:mod:`.pulse`),
and a real-time terminal session measured against its plan (:mod:`.events`).

They import no ``massage_timer`` module: they run the app as a person would, in a process
of its own. The tests import them as ``bench.rigs`` (pytest puts the repository root on
``sys.path``); a benchmark run as a script puts the root there first.
"""
