"""``massage-timer voices``: the installed voices, their languages, and which one speaks."""

from __future__ import annotations

import argparse
import json
import sys

from massage_timer.core.i18n import LANGUAGE_NAMES, SHIPPED, _, current_language


def cmd_voices(args: argparse.Namespace, voice_setting: str) -> int:
    from massage_timer.audio.rules import choose_voice, voice_for_language, voice_language
    from massage_timer.audio.speech import shared_renderer

    renderer = shared_renderer()
    if renderer.error is not None:
        print(
            _("massage-timer: no speech engine ({reason}); no voices to list").format(
                reason=renderer.error
            ),
            file=sys.stderr,
        )
        return 4
    voices = renderer.voices
    language = current_language()
    choice = choose_voice(voice_setting, voices, language)
    speaking = choice.voice or renderer.default_voice
    if args.json:
        out = {
            "language": language,
            "voice": None if choice.silent else speaking,
            "by_language": {
                lang: (found.id if (found := voice_for_language(lang, voices)) else None)
                for lang in SHIPPED
            },
            "voices": [
                {
                    "id": v.id,
                    "name": v.name,
                    "language": voice_language(v),
                    "languages": list(v.languages),
                    "chosen": v.id == speaking and not choice.silent,
                }
                for v in voices
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if choice.warning:
        print(f"massage-timer: {choice.warning}", file=sys.stderr)
    width = max((len(v.id) for v in voices), default=2)
    for v in voices:
        mark = "*" if v.id == speaking and not choice.silent else " "
        tags = ", ".join(v.languages)
        print(f"{mark} {v.id:<{width}}  {v.name}  [{tags}]")
    print(
        _("* speaks {language}").format(language=LANGUAGE_NAMES.get(language, language))
        if not choice.silent
        else _("no installed voice speaks {language}").format(
            language=LANGUAGE_NAMES.get(language, language)
        )
    )
    return 0
