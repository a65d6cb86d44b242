"""The docs tell the truth: their examples validate, their tables follow the code, links resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from massage_timer.cli.main import main
from massage_timer.core.technique_library import TECHNIQUES

ROOT = Path(__file__).parents[1]
ROUTINES_DOC = ROOT / "docs" / "routines.md"
DOCS = (ROOT / "README.md", ROUTINES_DOC, ROOT / "docs" / "architecture.md")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", path.read_text(encoding="utf-8"), re.M | re.S)


@pytest.mark.parametrize("doc", DOCS[:2], ids=lambda p: p.name)
def test_every_routine_example_validates(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = _blocks(doc, "toml")
    assert examples
    monkeypatch.chdir(tmp_path)
    names = []
    for n, text in enumerate(examples):
        names.append(f"example-{n}.toml")
        (tmp_path / names[-1]).write_text(text, encoding="utf-8")
    assert main(["validate", *names]) == 0, capsys.readouterr().err


def test_the_full_example_lasts_what_the_doc_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (console,) = _blocks(ROUTINES_DOC, "console")
    command, expected = console.strip().splitlines()
    name = command.removeprefix("$ massage-timer validate ")
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(_blocks(ROUTINES_DOC, "toml")[0], encoding="utf-8")
    assert main(["validate", name]) == 0
    assert capsys.readouterr().out.strip() == expected


def test_the_technique_table_lists_every_technique() -> None:
    text = ROUTINES_DOC.read_text(encoding="utf-8").split("\n## Techniques\n")[1].split("\n## ")[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|", text, re.M)
    documented = {tid: (name.strip(), area.strip()) for tid, name, area in rows}
    assert documented == {t.id: (t.name, t.area) for t in TECHNIQUES.values()}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_stay_inside_the_repository_and_resolve(doc: Path) -> None:
    for target in _LINK.findall(doc.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "#")):
            continue
        path = (doc.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), target
        assert path.exists(), target
