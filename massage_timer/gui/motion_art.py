"""How each drawing's moving groups follow a pose: offsets, turns and scales in SVG units.

Each illustration (``assets/illustrations/<id>.svg``, a 400x300 view box) is a stack of
top-level ``<g id="...">`` layers. The layers named here move; every other layer is
static and is rendered once. The drawn position of a held technique (a squeeze, a
stretch, a lean) is its held pose, so reduce-motion's still picture shows the technique
done; at rest the parts move away from it. No Qt here: the view builds the transforms.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from massage_timer.core.motion import Pose


@dataclass(frozen=True)
class Move:
    """A layer's move: scaled and turned (degrees, clockwise on screen) about ``pivot``,
    then shifted by ``dx``, ``dy``; all in the drawing's units."""

    dx: float = 0.0
    dy: float = 0.0
    angle: float = 0.0
    sx: float = 1.0
    sy: float = 1.0
    pivot: tuple[float, float] = (200.0, 150.0)


PartMove = Callable[[Pose], Move]


def _circle(radius: float, sense: float) -> PartMove:
    # sense -1 turns the other way round, as the other hand does on the other side.
    def move(p: Pose) -> Move:
        a = math.radians(p.angle)
        return Move(dx=sense * radius * math.sin(a), dy=-radius * math.cos(a) + radius)

    return move


def _apart(dx: float) -> PartMove:
    """Drawn held in; moved ``dx`` away at rest (squeeze 0)."""
    return lambda p: Move(dx=dx * (1.0 - p.squeeze))


def _turn(angle: float, pivot: tuple[float, float], amount: Callable[[Pose], float]) -> PartMove:
    return lambda p: Move(angle=angle * amount(p), pivot=pivot)


def _released(p: Pose) -> float:
    return 1.0 - p.squeeze


def _twist(p: Pose) -> Move:
    return Move(dx=7.0 * p.offset, angle=4.0 * p.offset, pivot=(200.0, 200.0))


def _press(p: Pose) -> Move:
    # Backs off along the fingers' line (60 degrees down to the point) at rest.
    back = 6.0 * (1.0 - p.squeeze)
    return Move(dx=-back * 0.5, dy=-back * 0.87)


ART: dict[str, dict[str, PartMove]] = {
    "gentle-circles": {"hand-a": _circle(5.0, 1.0), "hand-b": _circle(5.0, -1.0)},
    "kneading": {"hand": _turn(-12.0, (176.0, 180.0), lambda p: p.squeeze)},
    "shoulder-blade-squeeze": {"blade-a": _apart(-9.0), "blade-b": _apart(9.0)},
    "cross-body-stretch": {
        "arm-pull": _turn(-10.0, (302.0, 250.0), lambda p: 1.0 - p.offset),
    },
    "palm-rub": {"hands": lambda p: Move(dy=-10.0 + 20.0 * p.offset)},
    "thumb-knuckle-circles": {"fist-a": _circle(4.0, 1.0), "fist-b": _circle(4.0, -1.0)},
    "foam-roller": {"person": lambda p: Move(dx=10.0 * p.offset)},
    "paced-breathing": {
        "waves": lambda p: Move(sx=0.92 + 0.12 * p.chest, sy=0.92 + 0.12 * p.chest),
        "figure": lambda p: Move(
            sx=0.99 + 0.02 * p.chest, sy=0.985 + 0.03 * p.chest, pivot=(200.0, 270.0)
        ),
    },
    "glute-trigger-point": {"hand": _press},
    "waist-twist": {"torso": _twist, "arms": _twist},
    "chest-expansion": {
        "arm-a": _turn(-50.0, (156.0, 98.0), _released),
        "arm-b": _turn(50.0, (244.0, 98.0), _released),
    },
    "back-extension": {
        "upper": _turn(15.0, (206.0, 178.0), _released),
        "arm": _turn(15.0, (206.0, 178.0), _released),
    },
}


def moving_parts(technique_id: str) -> dict[str, PartMove]:
    """The moving layers of a drawing and how each follows a pose ({} for a still one)."""
    return ART.get(technique_id, {})
