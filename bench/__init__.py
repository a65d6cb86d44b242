"""Benchmarks, each run as ``python bench/NAME.py`` from the repository root (``make bench``),
and in :mod:`bench.rigs` the machinery they share with the end-to-end tests."""
