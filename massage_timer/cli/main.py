"""The ``massage-timer`` command: the window by default, and list, plan, validate, run ..."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from massage_timer import __version__

# The window's start must not wait for the core: commands import what they use, argparse
# and json too (the window loads those later, with the cycle collector off: open_window);
# constants and routine_errors import nothing of the app.
from massage_timer.core.constants import QUICK_ID, minutes_problem
from massage_timer.core.i18n import N_, _, ngettext
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.text_safety import printable

if TYPE_CHECKING:
    import argparse

    from massage_timer.core.routine import Routine
    from massage_timer.core.timeline import Plan
    from massage_timer.storage.settings import Settings

EXIT_INVALID = 1  # a routine file or argument that cannot be used
EXIT_NO_SCREEN = 3
EXIT_UNAVAILABLE = 4  # the history (or another store) cannot be read right now
NO_SCREEN = N_(
    "massage-timer: no screen to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "  Run it from a desktop session, or on a server start a virtual one: "
    "xvfb-run massage-timer\n"
    "  To follow a session right here in the terminal: massage-timer run quick-5 --no-window"
)


def _minutes(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number of minutes: {text}").format(text=repr(text))
        ) from None
    problem = minutes_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def _language(text: str) -> str:
    from massage_timer.core.i18n import SHIPPED, shipped_language

    found = shipped_language(text)
    if found is None:
        import argparse

        raise argparse.ArgumentTypeError(
            _("no such language: {text}; choose one of {choices}").format(
                text=repr(text), choices=", ".join(SHIPPED)
            )
        )
    return found


def build_parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(
        prog="massage-timer",
        description=_("Guided self-massage for back, neck and shoulder pain."),
    )
    p.add_argument("--version", action="version", version=f"massage-timer {__version__}")
    p.add_argument("--quick", action="store_true", help=_("open and start the quick 5 minutes"))
    p.add_argument("--routine", metavar="ID", help=_("open and start this routine"))
    p.add_argument(
        "--lang",
        type=_language,
        metavar="CODE",
        help=_("the language to speak and show (en, de, es, fr, ko, zh_CN)"),
    )
    p.add_argument(
        "--self-test",
        action="store_true",
        help=_("check routines, illustrations, voice and window without a screen"),
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    json_help = _("print JSON")
    routine_help = _("a routine id or a path to a .toml file")

    s = sub.add_parser("list", help=_("list the routines"))
    s.add_argument("--json", action="store_true", help=json_help)

    s = sub.add_parser("plan", help=_("show a routine's timeline"))
    s.add_argument("routine", metavar="ROUTINE", help=routine_help)
    s.add_argument("--minutes", type=_minutes, help=_("fit the session to exactly M minutes"))
    s.add_argument("--json", action="store_true", help=json_help)

    s = sub.add_parser("fit", help=_("write a routine fitted to exactly M minutes as a file"))
    s.add_argument("routine", metavar="ROUTINE", help=routine_help)
    s.add_argument("--minutes", type=_minutes, required=True, help=_("how long it should last"))
    s.add_argument(
        "--output", type=Path, required=True, metavar="FILE.toml", help=_("where to write")
    )

    s = sub.add_parser("validate", help=_("check routine files"))
    s.add_argument("files", nargs="+", metavar="FILE")

    s = sub.add_parser("run", help=_("run a session in real time"))
    s.add_argument("routine", metavar="ROUTINE")
    s.add_argument("--minutes", type=_minutes)
    s.add_argument("--no-window", action="store_true", help=_("run in this terminal"))
    s.add_argument(
        "--events", metavar="FILE", help=_("write JSON events, one a line ('-': stdout)")
    )
    s.add_argument("--mute", action="store_true", help=_("no voice or sounds; captions only"))

    s = sub.add_parser("export-audio", help=_("write the spoken guide as one WAV file"))
    s.add_argument("routine", metavar="ROUTINE")
    s.add_argument("out", metavar="OUT.wav", type=Path)
    s.add_argument("--minutes", type=_minutes)

    s = sub.add_parser("history", help=_("finished sessions, newest first"))
    s.add_argument("--json", action="store_true", help=json_help)

    s = sub.add_parser("voices", help=_("list the installed voices and their languages"))
    s.add_argument("--json", action="store_true", help=json_help)
    return p


def _early_language(argv: Sequence[str]) -> None:
    """Take ``--lang`` before the parser is built, so its help is in that language too."""
    from massage_timer.core.i18n import set_language, shipped_language

    for index, arg in enumerate(argv):
        code = None
        if arg == "--lang" and index + 1 < len(argv):
            code = argv[index + 1]
        elif arg.startswith("--lang="):
            code = arg.partition("=")[2]
        if code and shipped_language(code):
            set_language(code)
            _LANGUAGE_GIVEN.append(code)
            return


_LANGUAGE_GIVEN: list[str] = []  # --lang, when given: it wins over the settings


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _LANGUAGE_GIVEN.clear()
    _early_language(argv)
    if not argv:  # the launcher's plain start: the window, without building every command
        return open_window(None)  # the cycle collector comes on after its first frame
    gc.enable()  # off while the command's modules loaded (massage_timer.cli.run)
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
            "voices": _voices,
        }.get(args.command)
        if handler is None:
            return open_window(QUICK_ID if args.quick else args.routine, language=args.lang)
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


def open_window(
    start: str | None, minutes: float | None = None, language: str | None = None
) -> int:
    if not has_screen():
        print(_(NO_SCREEN), file=sys.stderr)
        return EXIT_NO_SCREEN
    # Python's cycle collector would run some 45 times while the window's modules load and
    # its widgets are made, about 10 ms before the first frame (bench/window_startup.py);
    # nearly all made then stays, so it waits for that frame (run_app turns it on again).
    gc.disable()
    try:
        # Before Qt: PySide6 inspects every module imported after it, and the settings
        # bring tomllib, platformdirs and dataclasses.
        import massage_timer.storage.settings  # noqa: F401
        from massage_timer.gui.app import run_app

        return run_app(start_routine=start, minutes=minutes, language=language)
    finally:
        gc.enable()


def _settings() -> Settings:
    """The person's settings, which every plan follows; their warnings go to stderr once."""
    from massage_timer.storage.settings import load_settings

    settings, warnings = load_settings()
    if not _LANGUAGE_GIVEN and settings.language:
        from massage_timer.core.i18n import set_language

        set_language(settings.language)
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
        print(_("massage-timer: skipped {problem}").format(problem=err), file=sys.stderr)
    if args.json:
        import json

        print(json.dumps({"routines": rows}, indent=2, ensure_ascii=False))
        return 0
    width = max((len(row["id"]) for row in rows), default=2)
    for row in rows:
        minutes = float(row["total_seconds"]) / 60
        line = _("{id}  {minutes} min  {title}").format(
            id=f"{row['id']:<{width}}", minutes=f"{minutes:5.1f}", title=row["title"]
        )
        print(line + (_("  (yours)") if row["origin"] == "user" else ""))
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
        import json

        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        return 0
    from massage_timer.core.phrases import side_name
    from massage_timer.core.timefmt import clock_text

    print(
        ngettext(
            "{title}: {length}, {count} segment",
            "{title}: {length}, {count} segments",
            len(plan.segments),
        ).format(title=plan.title, length=clock_text(plan.total_seconds), count=len(plan.segments))
    )
    for s in plan.segments:
        extra = " ".join(
            x
            for x in (
                f"({side_name(s.side)})" if s.side else "",
                _("{count_word} {rep} of {reps}").format(
                    count_word=s.count_word, rep=s.rep, reps=s.reps
                )
                if s.rep
                else "",
                ngettext("{n} stroke", "{n} strokes", s.reps or 0).format(n=s.reps)
                if s.stroke_ms
                else "",
            )
            if x
        )
        print(
            f"  {clock_text(s.start_ms / 1000, 'down'):>6}  {s.duration_ms / 1000:6.1f}s  "
            f"{s.kind.value:<10} {s.title} {extra}".rstrip()
        )
        for c in s.cues:
            if c.kind.value == "speech":
                print(f"  {'':>6}  {c.at:7.1f}  " + _("says: {text}").format(text=c.text))
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
        print(
            _("massage-timer: {path}: cannot be written ({reason})").format(
                path=out, reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(
        ngettext(
            "Wrote {path}: {title}, {count} step, {length}",
            "Wrote {path}: {title}, {count} steps, {length}",
            len(written.steps),
        ).format(
            path=out, title=written.title, count=len(written.steps), length=clock_text(total / 1000)
        )
    )
    target = round(args.minutes * 60000)
    if total != target:
        # Only reps and breaths: no step value could take the last milliseconds.
        print(
            _(
                "massage-timer: no step can take the last {ms} ms; "
                "{path} lasts {seconds:g} s instead of {target:g} s"
            ).format(ms=abs(target - total), path=out, seconds=total / 1000, target=target / 1000),
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
            ngettext(
                "ok: {path}: {title}, {count} step, {length}",
                "ok: {path}: {title}, {count} steps, {length}",
                len(routine.steps),
            ).format(
                path=printable(name),
                title=routine.title,
                count=len(routine.steps),
                length=clock_text(total / 1000),
            )
        )
    return EXIT_INVALID if bad else 0


def _voices(args: argparse.Namespace) -> int:
    from massage_timer.cli.voices import cmd_voices

    return cmd_voices(args, _settings().voice)


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
                _("massage-timer: the history {path} could not be read ({reason}).").format(
                    path=store.path, reason=reason
                ),
                file=sys.stderr,
            )
            return EXIT_UNAVAILABLE
        finally:
            store.close()
    for place, waiting in store.pending():  # the database could not take them yet
        records += waiting
        print(
            ngettext(
                "massage-timer: {count} session kept in {path} is listed too; "
                "it will be added to the history when it can be written.",
                "massage-timer: {count} sessions kept in {path} are listed too; "
                "they will be added to the history when it can be written.",
                len(waiting),
            ).format(count=len(waiting), path=place),
            file=sys.stderr,
        )
    if args.json:
        import json

        print(json.dumps(history_to_json(records), indent=2, ensure_ascii=False))
    else:
        print(format_history_table(records))
    return 0
