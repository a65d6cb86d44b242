"""Tests of massage_timer.storage (a package so test file names cannot clash)."""
