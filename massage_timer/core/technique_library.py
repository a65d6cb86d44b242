"""The technique library: every technique the routines can use.

Facts and timings come from the seed articles named in ``source``; every sentence
here is our own. Lines are short so a person can follow them with closed eyes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from massage_timer.core.i18n import _, current_language
from massage_timer.core.techniques import Defaults, Mode, Technique

GENTLE = (
    "Comfort is your guide: firm is fine, painful is not. "
    "Stop if it leaves you sore or out of breath."
)

_ALL = (
    Technique(
        id="gentle-circles",
        name="Gentle circles",
        area="Neck and shoulders",
        summary="Small fingertip circles from the base of the skull down to the shoulders.",
        instructions=(
            "Sit or lie down and let your shoulders drop.",
            "Put your fingertips on both sides of your neck.",
            "Draw small, slow circles where the skull meets the neck.",
            "Work your way down to the tops of your shoulders.",
        ),
        cue="Fingertips on your neck. Small slow circles, working down.",
        mode=Mode.TIMED,
        defaults=Defaults(duration=240),
        safety="Keep the pressure light on the front and sides of the neck. " + GENTLE,
        reminders=("Keep the circles small and slow.", "Let your jaw and shoulders soften."),
        source="000",
    ),
    Technique(
        id="kneading",
        name="Kneading",
        area="Neck and shoulders",
        summary="Knead the shoulder muscles like dough, lingering on tight spots.",
        instructions=(
            "Reach one hand over to the opposite shoulder.",
            "Squeeze and release the muscle, like kneading dough.",
            "Stay a little longer where it feels tight.",
            "Change hands when that arm gets tired.",
        ),
        cue="Knead your shoulder muscles like dough.",
        mode=Mode.TIMED,
        defaults=Defaults(duration=240),
        safety="Do not press hard. " + GENTLE,
        reminders=("Linger on the tight spots.", "Ease off if it starts to hurt."),
        source="000",
    ),
    Technique(
        id="shoulder-blade-squeeze",
        name="Shoulder blade squeeze",
        area="Upper back",
        summary="Draw the shoulder blades together, hold, and let go.",
        instructions=(
            "Sit or stand tall.",
            "Draw your shoulder blades back and together.",
            "Hold the squeeze, then let it go.",
        ),
        cue="Sit tall. Pull your shoulder blades together.",
        mode=Mode.REPS,
        defaults=Defaults(reps=10, hold=5, rest=2),
        safety="Keep your neck long and your shoulders away from your ears.",
        count_word="Squeeze",
        source="000",
    ),
    Technique(
        id="cross-body-stretch",
        name="Cross-body stretch",
        area="Shoulders",
        summary="One arm across the chest, eased closer by the other hand.",
        instructions=(
            "Bring one arm straight across your chest.",
            "Hold it above the elbow with the other hand.",
            "Ease it closer to your chest and hold.",
        ),
        cue="One arm across your chest. Ease it closer with the other hand.",
        mode=Mode.TIMED,
        defaults=Defaults(duration=25, sides=("left", "right")),
        safety="A gentle stretch only; no pulling on the elbow joint.",
        source="000",
    ),
    Technique(
        id="palm-rub",
        name="Palm rub",
        area="Lower back",
        summary="Warm palms stroking up and down the lower back.",
        instructions=(
            "Rub your palms together until they feel warm.",
            "Press both palms flat on your lower back.",
            "Stroke up and down, steady and firm.",
            "Keep going until the area feels warm.",
        ),
        cue="Warm your palms, press them on your lower back, and stroke up and down.",
        mode=Mode.STROKES,
        defaults=Defaults(strokes=200, stroke_seconds=1.2),
        safety=GENTLE,
        count_word="Stroke",
        source="004",
    ),
    Technique(
        id="thumb-knuckle-circles",
        name="Thumb-knuckle circles",
        area="Lower back",
        summary="Fists behind the back, thumb joints circling on the lower back.",
        instructions=(
            "Make loose fists and bring them behind your back.",
            "Rest the thumb joints either side of the spine.",
            "Circle them slowly on the muscles of the lower back.",
            "Let the pressure grow a little, then hold it there.",
        ),
        cue="Fists behind your back. Circle your thumb joints on your lower back.",
        mode=Mode.TIMED,
        defaults=Defaults(duration=600),
        safety="Stay on the muscles beside the spine, never on the spine itself. " + GENTLE,
        reminders=(
            "Slow circles, pressure growing gently.",
            "Move a little higher or lower to a new spot.",
            "Keep breathing slowly.",
        ),
        source="004",
    ),
    Technique(
        id="foam-roller",
        name="Foam roller",
        area="Upper back",
        summary="Lying on a foam roller under the shoulder blades, rocking up and down.",
        instructions=(
            "Lie on your back, knees bent, feet shoulder-width apart.",
            "Place the roller just under your shoulder blades.",
            "Support your head with your hands.",
            "Rock slowly toward your feet and back again.",
        ),
        cue="Roller under your shoulder blades. Rock slowly up and down.",
        mode=Mode.TIMED,
        defaults=Defaults(duration=120),
        safety="Keep the roller off your lower back and neck. " + GENTLE,
        reminders=("Slow and steady.", "Pause on a tight spot and breathe."),
        source="001",
    ),
    Technique(
        id="paced-breathing",
        name="Paced breathing",
        area="Whole body",
        summary="Slow, deep breaths that help the muscles let go.",
        instructions=(
            "Sit or lie comfortably.",
            "Breathe in slowly through your nose.",
            "Breathe out for longer than you breathed in.",
            "Let your shoulders and belly soften.",
        ),
        cue="Slow, deep breaths. Follow the voice.",
        mode=Mode.BREATHING,
        defaults=Defaults(duration=60),
        safety="If you feel light-headed, breathe normally for a while.",
        count_word="Breath",
        source="001",
    ),
    Technique(
        id="glute-trigger-point",
        name="Hip trigger point",
        area="Hips",
        summary="Steady pressure on the side of the hip, a little forward of the back pocket.",
        instructions=(
            "Find the side of your hip, a little forward of your back pocket.",
            "Press in with your fingers, or lean on a ball against a wall.",
            "Hold steady pressure on a tender spot.",
            "Let it ease, then move to the next spot.",
        ),
        cue="Press the side of your hip, a little forward of your back pocket.",
        mode=Mode.TIMED,
        defaults=Defaults(duration=45, sides=("left", "right")),
        safety="Tender is fine; sharp or shooting pain is a sign to stop. " + GENTLE,
        source="001",
    ),
    Technique(
        id="waist-twist",
        name="Waist twist",
        area="Lower back",
        summary="Standing twists from side to side to loosen the waist.",
        instructions=(
            "Stand with your feet hip-width apart.",
            "Put your hands on your hips.",
            "Turn your upper body slowly to one side, then the other.",
        ),
        cue="Hands on hips. Turn slowly from side to side.",
        mode=Mode.REPS,
        defaults=Defaults(reps=10, hold=3, rest=1),
        safety="Turn only as far as is comfortable, keeping your hips facing forward.",
        count_word="Twist",
        source="004",
    ),
    Technique(
        id="chest-expansion",
        name="Chest expansion",
        area="Upper back",
        summary="Open the arms wide and lift the chest, after long sitting.",
        instructions=(
            "Stand or sit tall.",
            "Open your arms wide and draw your shoulders back.",
            "Lift your chest and breathe in.",
            "Let your arms come back in as you breathe out.",
        ),
        cue="Open your arms wide and lift your chest.",
        mode=Mode.REPS,
        defaults=Defaults(reps=8, hold=3, rest=2),
        safety="Keep it easy; no bouncing.",
        count_word="Stretch",
        source="004",
    ),
    Technique(
        id="back-extension",
        name="Back extension",
        area="Lower back",
        summary="Hands on the lower back, leaning gently backward.",
        instructions=(
            "Stand with your feet hip-width apart.",
            "Place your hands on your lower back.",
            "Lean back gently, looking slightly up.",
            "Come back to standing tall.",
        ),
        cue="Hands on your lower back. Lean back gently.",
        mode=Mode.REPS,
        defaults=Defaults(reps=6, hold=3, rest=2),
        safety="Only a small bend; stop if you feel pain down a leg.",
        count_word="Lean",
        source="004",
    ),
)

# The library as written, in English: the source of the translations' messages.
ENGLISH: dict[str, Technique] = {t.id: t for t in _ALL}


def _translated(t: Technique) -> Technique:
    return replace(
        t,
        name=_(t.name),
        area=_(t.area),
        summary=_(t.summary),
        instructions=tuple(_(line) for line in t.instructions),
        cue=_(t.cue),
        safety=_(t.safety) if t.safety else "",
        count_word=_(t.count_word),
        reminders=tuple(_(line) for line in t.reminders),
    )


class _Library(Mapping[str, Technique]):
    """The techniques by id, each in the current language (see core/i18n.py)."""

    def __init__(self) -> None:
        self._by_language: dict[str, dict[str, Technique]] = {}

    def _current(self) -> dict[str, Technique]:
        language = current_language()
        if language not in self._by_language:
            self._by_language[language] = {k: _translated(t) for k, t in ENGLISH.items()}
        return self._by_language[language]

    def __getitem__(self, technique_id: str) -> Technique:
        return self._current()[technique_id]

    def __iter__(self) -> Iterator[str]:
        return iter(ENGLISH)

    def __len__(self) -> int:
        return len(ENGLISH)


TECHNIQUES: Mapping[str, Technique] = _Library()


def get_technique(technique_id: str) -> Technique:
    """The technique with this id; KeyError if there is none."""
    return TECHNIQUES[technique_id]
