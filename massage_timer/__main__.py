"""Allow ``python -m massage_timer``."""

from massage_timer.cli.main import main

raise SystemExit(main())
