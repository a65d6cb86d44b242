"""Allow ``python -m massage_timer``."""

from massage_timer.cli import run

raise SystemExit(run())
