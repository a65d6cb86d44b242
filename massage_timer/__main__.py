"""Allow ``python -m massage_timer``."""

from massage_timer.cli import main

raise SystemExit(main())
