"""Every shipped language is complete, compiled, and speaks its routines without overlaps."""

from __future__ import annotations

import gettext
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from massage_timer.cli.main import main
from massage_timer.core.i18n import (
    LOCALE_DIR,
    SHIPPED,
    SOURCE_LANGUAGE,
    language_from_environment,
    set_language,
)
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind, Plan
from massage_timer.storage.catalog import load_catalog
from tools import translations

TRANSLATED = [lang for lang in SHIPPED if lang != SOURCE_LANGUAGE]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return translations.template()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(
    language: str, template: Catalog
) -> None:
    assert translations.problems(language, template) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_is_the_source_compiled(language: str) -> None:
    # Not a comparison of file times: a fresh clone gives every file the same one.
    shipped = translations.mo_path(language).read_bytes()
    assert shipped == translations.compiled(translations.read_language(language)), (
        f"{translations.mo_path(language)} is older than its .po: run make translations"
    )


def builtin_plans() -> list[Plan]:
    return [plan_routine(r) for r in load_catalog().routines if r.origin.value == "builtin"]


def spoken(plan: Plan) -> list[str]:
    return [c.text for c in plan.cues if c.kind is CueKind.SPEECH]


@pytest.mark.parametrize("language", SHIPPED)
def test_no_spoken_cue_overlaps_the_next_in_any_language(language: str) -> None:
    set_language(language)
    for plan in builtin_plans():
        sounds = sorted(
            (c.at_ms, c.at_ms + c.length_ms) for c in plan.cues if c.kind is not CueKind.TICK
        )
        for (_start, end), (start, _end) in itertools.pairwise(sounds):
            assert start >= end, f"{plan.routine_id} in {language}: a cue at {start} ms overlaps"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_is_left_in_what_is_said_and_shown(language: str) -> None:
    english = builtin_plans()
    set_language(language)
    translated = builtin_plans()
    for source, plan in zip(english, translated, strict=True):
        assert plan.title != source.title
        assert not set(spoken(plan)) & set(spoken(source)), plan.routine_id
        steps = {s.title for s in plan.steps} & {s.title for s in source.steps}
        assert not steps, f"{plan.routine_id}: {steps} untranslated"
    assert translated[0].total_ms == 300_000  # the quick session is five minutes everywhere


def test_the_plural_follows_the_language() -> None:
    set_language("de")
    from massage_timer.core.i18n import ngettext

    one = ngettext("{n} second", "{n} seconds", 1).format(n=1)
    two = ngettext("{n} second", "{n} seconds", 2).format(n=2)
    assert one == "1 Sekunde" and two == "2 Sekunden"


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANGUAGE": "pt:de"}, "de"),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "de_DE.UTF-8"}, "ko"),
        ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "de_DE"}, "es"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "en"),  # Traditional Chinese is not shipped
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_locale_in_order(
    environ: dict[str, str], language: str
) -> None:
    assert language_from_environment(environ) == language


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no such language"):
        set_language("tlh")


def test_a_broken_file_is_told_in_the_language_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "mine.toml"
    broken.write_text('title = "x"\n[[steps]]\ntechnique = "kneding"\n', encoding="utf-8")
    assert main(["--lang", "de", "validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:3" in err and "unbekannte Technik" in err


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_command_line_follows_language_in_the_environment(language: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANGUAGE"] = language
    done = subprocess.run(
        [sys.executable, "-m", "massage_timer", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    set_language(language)
    quick = load_catalog().get("quick-5")
    assert quick is not None and quick.title in done.stdout


def test_english_needs_no_catalog() -> None:
    assert isinstance(
        gettext.translation("massage_timer", LOCALE_DIR, ["en"], fallback=True),
        gettext.NullTranslations,
    )
