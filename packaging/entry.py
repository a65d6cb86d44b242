"""The PyInstaller bundle's entry point: the same ``massage-timer`` command as the wheel's."""

from massage_timer.cli import run

if __name__ == "__main__":
    raise SystemExit(run())
