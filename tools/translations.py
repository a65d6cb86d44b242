"""Extract, update, compile and check the translation catalogs (``make translations``).

Messages come from three places: ``_()``, ``N_()`` and ``ngettext()`` in the package's
code, the technique library's texts, and the built-in routines' texts. They go into
``massage_timer/locale/massage_timer.pot``; each shipped language's ``.po`` is updated
from it (new messages empty, gone ones dropped) and compiled to the ``.mo`` the app reads.

    python -m tools.translations            # extract, update, compile
    python -m tools.translations --check    # exit 1 if a language misses a message
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from massage_timer import __version__
from massage_timer.core.i18n import DOMAIN, LOCALE_DIR, SHIPPED, SOURCE_LANGUAGE
from massage_timer.core.technique_library import ENGLISH

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "massage_timer"
ROUTINES = ROOT / "routines"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
HEADER = """\
# massage-timer: translation into {language}.
# Made with `make translations`; see docs/translating.md for how to add or update one.
#"""
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_FIELD = re.compile(r"\{([a-z_]*)[^}]*\}")

# message (or singular and plural), where ("file", line), a note for translators
Found = tuple[str | tuple[str, str], tuple[str, int], str]


def _from_code() -> Iterator[Found]:
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        where = (f"massage_timer/{filename}", lineno)
        if isinstance(message, tuple):
            yield (message[0], message[1]), where, ""
        else:
            yield message, where, ""


def _from_techniques() -> Iterator[Found]:
    for technique in ENGLISH.values():
        where = (f"massage_timer/core/technique_library.py#{technique.id}", 0)
        texts = [technique.name, technique.area, technique.summary, *technique.instructions]
        texts += [technique.cue, technique.safety, technique.count_word, *technique.reminders]
        notes = {technique.name: "a technique's name", technique.cue: "spoken as the step starts"}
        notes[technique.count_word] = 'counts shown as "<word> 4 of 10"'
        for text in texts:
            if text:
                yield text, where, notes.get(text, "")


def _from_routines() -> Iterator[Found]:
    for path in sorted(ROUTINES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        where = (f"routines/{path.name}", 0)
        yield str(data["title"]).strip(), where, "a built-in routine's title"
        if data.get("description"):
            yield str(data["description"]).strip(), where, ""
        for tag in data.get("tags", []):
            yield str(tag).strip(), where, "a body area the routine works on (its card shows it)"
        for step in data.get("steps", []):
            for key in ("title", "say"):
                if step.get(key):
                    yield str(step[key]).strip(), where, f"a step's {key}"
            notes = step.get("notes", [])
            for note in [notes] if isinstance(notes, str) else notes:
                yield str(note).strip(), where, ""


def template() -> Catalog:
    """Every message the app has, as found in the sources now."""
    catalog = Catalog(project="massage-timer", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for found in (*_from_code(), *_from_techniques(), *_from_routines()):
        message, where, note = found
        catalog.add(
            message,
            locations=[where],
            auto_comments=[note] if note else [],
            flags=("python-brace-format",) if _FIELD.search(_singular(message)) else (),
        )
    return catalog


def _singular(message: str | tuple[str, str]) -> str:
    return message if isinstance(message, str) else message[0]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def read_language(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def problems(language: str, source: Catalog) -> list[str]:
    """What is missing or wrong in one language's catalog, one line each."""
    if not po_path(language).is_file():
        return [f"{language}: no catalog at {po_path(language)}"]
    catalog = read_language(language)
    found: list[str] = []
    for message in source:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        got = catalog.get(message.id)
        found += _message_problems(language, key, message, got)
    return found


def _message_problems(language: str, key: str, source: Message, got: Message | None) -> list[str]:
    if got is None or got.fuzzy:
        return [f"{language}: not translated: {key!r}"]
    strings = got.string if isinstance(got.string, tuple | list) else (got.string,)
    if not all(strings):
        return [f"{language}: not translated: {key!r}"]
    wanted = set(_FIELD.findall(key))
    out = []
    for text in strings:
        if set(_FIELD.findall(str(text))) != wanted:
            out.append(f"{language}: placeholders differ in {key!r}: {text!r}")
    return out


def _keep_date(source: Catalog) -> None:
    # The same messages as last time: keep the template's date, so files change only
    # when something in them did.
    if not TEMPLATE.is_file():
        return
    with TEMPLATE.open("rb") as handle:
        previous = read_po(handle)
    if [m.id for m in previous] == [m.id for m in source]:
        source.creation_date = previous.creation_date


def update() -> None:
    source = template()
    _keep_date(source)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as handle:
        write_po(handle, source, width=100, include_lineno=False)
    for language in SHIPPED:
        if language == SOURCE_LANGUAGE:
            continue
        path = po_path(language)
        if path.is_file():
            catalog = read_language(language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, domain=DOMAIN, project="massage-timer")
        # No fuzzy guesses: an old "Left" is no translation of a new "Delete".
        catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.fuzzy = False  # the header is ours, not a guess
        catalog.msgid_bugs_address = ""
        catalog.version = __version__
        catalog.last_translator = "massage-timer translators"
        catalog.language_team = f"{language} (see docs/translating.md)"
        catalog.header_comment = HEADER.format(language=language)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, include_previous=False, include_lineno=False)
        # Compiled from the file as written, as the test that checks it compiles it.
        mo_path(language).write_bytes(compiled(read_language(language)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report missing messages only")
    args = parser.parse_args(argv)
    if not args.check:
        update()
    source = template()
    lines = [line for lang in SHIPPED if lang != SOURCE_LANGUAGE for line in problems(lang, source)]
    for line in lines:
        print(line, file=sys.stderr)
    print(f"{len(source) - 1} messages; {len(lines)} problems", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
