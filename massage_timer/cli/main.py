"""The ``massage-timer`` command: the window by default, and list, plan, validate, run ..."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from massage_timer import __version__

# The window's start must not wait for the core: commands import what they use
# (constants and routine_errors import nothing of the app).
from massage_timer.core.constants import QUICK_ID, minutes_problem
from massage_timer.core.routine_errors import RoutineError

if TYPE_CHECKING:
    from massage_timer.core.routine import Routine
    from massage_timer.core.timeline import Plan
    from massage_timer.storage.settings import Settings

EXIT_INVALID = 1  # a routine file or argument that cannot be used
EXIT_NO_SCREEN = 3
EXIT_UNAVAILABLE = 4  # the history (or another store) cannot be read right now
NO_SCREEN = (
    "massage-timer: no screen to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "  Run it from a desktop session, or on a server start a virtual one: "
    "xvfb-run massage-timer\n"
    "  To follow a session right here in the terminal: massage-timer run quick-5 --no-window"
)


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {text!r}") from None
    problem = minutes_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="massage-timer",
        description="Guided self-massage for back, neck and shoulder pain.",
    )
    p.add_argument("--version", action="version", version=f"massage-timer {__version__}")
    p.add_argument("--quick", action="store_true", help="open and start the quick 5 minutes")
    p.add_argument("--routine", metavar="ID", help="open and start this routine")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="check routines, illustrations, voice and window without a screen",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("list", help="list the routines")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("plan", help="show a routine's timeline")
    s.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a .toml file")
    s.add_argument("--minutes", type=_minutes, help="fit the session to exactly M minutes")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("fit", help="write a routine fitted to exactly M minutes as a file")
    s.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a .toml file")
    s.add_argument("--minutes", type=_minutes, required=True, help="how long it should last")
    s.add_argument("--output", type=Path, required=True, metavar="FILE.toml", help="where to write")

    s = sub.add_parser("validate", help="check routine files")
    s.add_argument("files", nargs="+", metavar="FILE")

    s = sub.add_parser("run", help="run a session in real time")
    s.add_argument("routine", metavar="ROUTINE")
    s.add_argument("--minutes", type=_minutes)
    s.add_argument("--no-window", action="store_true", help="run in this terminal")
    s.add_argument("--events", metavar="FILE", help="write JSON events, one a line ('-': stdout)")
    s.add_argument("--mute", action="store_true", help="no voice or sounds; captions only")

    s = sub.add_parser("export-audio", help="write the spoken guide as one WAV file")
    s.add_argument("routine", metavar="ROUTINE")
    s.add_argument("out", metavar="OUT.wav", type=Path)
    s.add_argument("--minutes", type=_minutes)

    s = sub.add_parser("history", help="finished sessions, newest first")
    s.add_argument("--json", action="store_true", help="print JSON")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.self_test:
            from massage_timer.gui.self_test import run_self_test

            return run_self_test()
        handler = {
            "list": cmd_list,
            "plan": cmd_plan,
            "fit": cmd_fit,
            "validate": cmd_validate,
            "run": cmd_run,
            "export-audio": cmd_export_audio,
            "history": cmd_history,
        }.get(args.command)
        if handler is None:
            return open_window(QUICK_ID if args.quick else args.routine)
        return handler(args)
    except RoutineError as exc:
        print(f"massage-timer: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. piped into head: not an error worth a traceback
        sys.stderr.close()
        return 0


def has_screen() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_window(start: str | None, minutes: float | None = None) -> int:
    if not has_screen():
        print(NO_SCREEN, file=sys.stderr)
        return EXIT_NO_SCREEN
    from massage_timer.gui.app import run_app

    return run_app(start_routine=start, minutes=minutes)


def _settings() -> Settings:
    """The person's settings, which every plan follows; their warnings go to stderr once."""
    from massage_timer.storage.settings import load_settings

    settings, warnings = load_settings()
    for warning in warnings:
        print(f"massage-timer: {warning.message}", file=sys.stderr)
    return settings


def cmd_list(args: argparse.Namespace) -> int:
    from massage_timer.core.planner import plan_routine
    from massage_timer.storage.catalog import load_catalog

    settings = _settings()
    catalog = load_catalog()
    rows: list[dict[str, Any]] = []
    for r in catalog.routines:
        plan = plan_routine(r, settings)
        rows.append(
            {
                "id": r.id,
                "title": r.title,
                "total_seconds": plan.total_seconds,
                "origin": r.origin.value,
                "description": r.description,
                "tags": list(r.tags),
                "steps": len(r.steps),
                "path": str(r.path) if r.path else None,
            }
        )
    for err in catalog.errors:
        print(f"massage-timer: skipped {err}", file=sys.stderr)
    if args.json:
        print(json.dumps({"routines": rows}, indent=2, ensure_ascii=False))
        return 0
    width = max((len(row["id"]) for row in rows), default=2)
    for row in rows:
        minutes = float(row["total_seconds"]) / 60
        print(
            f"{row['id']:<{width}}  {minutes:5.1f} min  {row['title']}"
            + ("  (yours)" if row["origin"] == "user" else "")
        )
    return 0


def _plan(routine: Routine, settings: Settings, minutes: float | None) -> Plan:
    """The one way every command plans: the routine under the person's settings."""
    from massage_timer.core.planner import plan_routine

    try:
        return plan_routine(routine, settings, minutes=minutes)
    except ValueError as exc:
        raise RoutineError(routine.id, str(exc)) from None


def _find(ref: str) -> Routine:
    from massage_timer.storage.catalog import find_routine

    return find_routine(ref)


def cmd_plan(args: argparse.Namespace) -> int:
    settings = _settings()
    plan = _plan(_find(args.routine), settings, args.minutes)
    if args.json:
        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        return 0
    from massage_timer.core.timefmt import clock_text

    print(f"{plan.title}: {clock_text(plan.total_seconds)}, {len(plan.segments)} segments")
    for s in plan.segments:
        extra = " ".join(
            x
            for x in (
                f"({s.side})" if s.side else "",
                f"{s.count_word} {s.rep} of {s.reps}" if s.rep else "",
                f"{s.reps} strokes" if s.stroke_ms else "",
            )
            if x
        )
        print(
            f"  {clock_text(s.start_ms / 1000, 'down'):>6}  {s.duration_ms / 1000:6.1f}s  "
            f"{s.kind.value:<10} {s.title} {extra}".rstrip()
        )
        for c in s.cues:
            if c.kind.value == "speech":
                print(f"  {'':>6}  {c.at:7.1f}  says: {c.text}")
    return 0


def cmd_fit(args: argparse.Namespace) -> int:
    """Fit as the editor's "whole routine: N min" does, and write the result as a routine file."""
    from massage_timer.core.editing import EditableRoutine
    from massage_timer.core.routine_file import parse_routine, routine_id_for
    from massage_timer.core.routine_writer import routine_to_toml
    from massage_timer.core.timefmt import clock_text
    from massage_timer.storage.atomic import atomic_write_text

    settings = _settings()
    routine = _find(args.routine)
    draft = EditableRoutine(routine, settings)
    try:
        draft.set_minutes(args.minutes)
    except ValueError as exc:
        raise RoutineError(args.routine, str(exc)) from None
    out: Path = args.output
    text = routine_to_toml(draft.to_routine())
    # Read back as the file will be read: what is written is known to be valid.
    written = parse_routine(text, str(out), routine_id_for(out))
    total = _plan(written, settings, None).total_ms
    try:
        atomic_write_text(out, text)
    except OSError as exc:
        print(f"massage-timer: {out}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_INVALID
    print(f"Wrote {out}: {written.title}, {len(written.steps)} steps, {clock_text(total / 1000)}")
    target = round(args.minutes * 60000)
    if total != target:
        # Only reps and breaths: no step value could take the last milliseconds.
        print(
            f"massage-timer: no step can take the last {abs(target - total)} ms; "
            f"{out} lasts {total / 1000:g} s instead of {target / 1000:g} s",
            file=sys.stderr,
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from massage_timer.core.planner import plan_routine
    from massage_timer.core.routine_file import load_routine_file
    from massage_timer.core.timefmt import clock_text

    settings = _settings()
    bad = 0
    for name in args.files:
        try:
            routine = load_routine_file(Path(name))
        except RoutineError as exc:
            print(f"massage-timer: {exc}", file=sys.stderr)
            bad += 1
            continue
        total = plan_routine(routine, settings).total_ms
        print(
            f"ok: {name}: {routine.title}, {len(routine.steps)} steps, {clock_text(total / 1000)}"
        )
    return EXIT_INVALID if bad else 0


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    plan = _plan(_find(args.routine), settings, args.minutes)  # a bad routine fails here
    if not args.no_window:
        return open_window(args.routine, args.minutes)
    from massage_timer.cli.session import EventsFile, run_in_terminal

    events: IO[str] | None = None
    if args.events == "-":
        events = sys.stdout
    elif args.events:
        try:
            events = EventsFile.open(Path(args.events))
        except OSError as exc:
            print(f"massage-timer: {EventsFile.problem(Path(args.events), exc)}", file=sys.stderr)
            return EXIT_INVALID
    try:
        code = run_in_terminal(
            plan, events=events, mute=args.mute, routine_id=plan.routine_id, settings=settings
        )
    finally:
        if isinstance(events, EventsFile):
            events.close()
    if isinstance(events, EventsFile) and events.failed is not None:
        return code or EXIT_INVALID  # the session ran and was kept, but the events were not
    return code


def cmd_export_audio(args: argparse.Namespace) -> int:
    from massage_timer.audio.export import export_plan_audio

    settings = _settings()
    plan = _plan(_find(args.routine), settings, args.minutes)
    return export_plan_audio(plan, args.out, settings)


def cmd_history(args: argparse.Namespace) -> int:
    import sqlite3

    from massage_timer.storage.history import HistoryStore, SessionRecord
    from massage_timer.storage.history_format import format_history_table, history_to_json

    store = HistoryStore()
    records: list[SessionRecord] = []
    # No history yet: say so without creating a database (or its folder) to look in.
    if store.exists():
        try:
            for warning in store.warnings:  # opening adds the sessions kept for later
                print(f"massage-timer: {warning.message}", file=sys.stderr)
            records = store.sessions()
        except (sqlite3.Error, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            print(
                f"massage-timer: the history {store.path} could not be read ({reason}).",
                file=sys.stderr,
            )
            return EXIT_UNAVAILABLE
        finally:
            store.close()
    for place, waiting in store.pending():  # the database could not take them yet
        records += waiting
        print(
            f"massage-timer: {len(waiting)} session(s) kept in {place} are listed too; "
            "they will be added to the history when it can be written.",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(history_to_json(records), indent=2, ensure_ascii=False))
    else:
        print(format_history_table(records))
    return 0
