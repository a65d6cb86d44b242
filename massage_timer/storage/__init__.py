"""Storage layer: settings (TOML), session history (SQLite), the routine catalog, the
user's routine files, the built-ins in the current language, and atomic writes.

Plain Python without Qt, so it can be used from the GUI, the CLI and tests alike.
Damaged files are never deleted: they are moved aside (see :mod:`.quarantine`) and
reported as :class:`~massage_timer.storage.quarantine.StorageWarning` values.
"""
