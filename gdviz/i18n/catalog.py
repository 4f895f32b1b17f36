"""The translation files: extract, fill, check and build them (Qt-free; runs Qt's tools).

``resources/i18n/gdviz_LANG.ts`` is the source of a translation (Qt Linguist opens it);
``gdviz_LANG.qm`` is what the app loads, built from it by ``pyside6-lrelease`` and kept
in the repository. After changing user-visible strings::

    python -m gdviz.i18n.catalog update     # lupdate over gdviz/, fill, lrelease, report

``update`` takes new translations from ``resources/i18n/parts/*.json`` (``{"English":
"中文", ...}``, a convenient way to translate many strings at once) and reports what is
left unfinished; ``pending FILE...`` lists the strings of some modules that still lack one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from gdviz.resources import resources_dir, translation_path

TRANSLATED = ("zh_CN",)  # the languages with a translation file
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?(?:[:!][^{}]*)?\}")


@dataclass(frozen=True)
class Message:
    """One string of a .ts file."""
    context: str
    source: str
    translation: str
    finished: bool
    where: str  # "file:line" of its first use


def package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def source_files() -> list[Path]:
    """Every module of gdviz whose strings are shown (all of them; lupdate keeps what it finds)."""
    return sorted(p for p in package_dir().rglob("*.py") if "__pycache__" not in p.parts)


def tool(name: str) -> str:
    """The path of Qt's ``pyside6-NAME`` (beside this Python first, as in a venv)."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise FileNotFoundError(f"pyside6-{name} is missing: it comes with PySide6-Essentials "
                                "(pip install -e .)")
    return found


def lupdate(files, ts: Path) -> None:
    """Bring ``ts`` up to date with the strings of ``files`` (strings no longer used go)."""
    listing = ts.with_suffix(".files")
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    try:
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "absolute",
                        f"@{listing}", "-ts", str(ts)], check=True, capture_output=True, text=True)
    finally:
        listing.unlink()


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-nounfinished", "-removeidentical", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True, text=True)


def read(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            t = m.find("translation")
            location = m.find("location")
            where = f"{location.get('filename')}:{location.get('line')}" if location is not None else "?"
            messages.append(Message(name, m.findtext("source") or "", (t.text or "") if t is not None else "",
                                    t is not None and t.get("type") not in ("unfinished", "vanished", "obsolete"),
                                    where))
    return messages


def fields(text: str) -> list[str]:
    """The ``{name}`` fields of a string, sorted (``{{`` escapes excluded)."""
    return sorted(m.group(0).split(":")[0].split("!")[0].strip("{}")
                  for m in FIELD.finditer(text.replace("{{", "").replace("}}", "")))


def problems(messages) -> list[str]:
    """Finished translations that lose or invent a ``{field}`` or a ``%n``, as sentences."""
    found = []
    for m in messages:
        if m.finished and (fields(m.source) != fields(m.translation)
                           or m.source.count("%n") != m.translation.count("%n")):
            found.append(f"{m.where} [{m.context}] {m.source!r} → {m.translation!r}: the fields differ")
    return found


def parts() -> dict[str, str]:
    """Every translation waiting in ``resources/i18n/parts/*.json``."""
    merged: dict[str, str] = {}
    for path in sorted((resources_dir() / "i18n" / "parts").glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def fill(ts: Path, translations: dict[str, str]) -> int:
    """Give each unfinished message of ``ts`` its translation from ``translations`` (by its
    English text, or ``"Context|English"`` first). Returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            t = m.find("translation")
            if t is None or t.get("type") != "unfinished":
                continue
            source = m.findtext("source") or ""
            text = translations.get(f"{name}|{source}", translations.get(source))
            if text:
                t.text = text
                del t.attrib["type"]
                filled += 1
    ET.indent(tree)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


def update(language: str = "zh_CN") -> list[Message]:
    """lupdate over gdviz, fill from the parts, lrelease. Returns the unfinished messages."""
    ts = translation_path(language, ".ts")
    if not ts.exists():
        ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                      f'<TS version="2.1" language="{language}"></TS>\n', encoding="utf-8")
    lupdate(source_files(), ts)
    fill(ts, parts())
    lrelease(ts, translation_path(language))
    return [m for m in read(ts) if not m.finished]


def pending(files, language: str = "zh_CN") -> list[Message]:
    """The strings of ``files`` that neither the .ts nor the parts translate yet."""
    known = {(m.context, m.source) for m in read(translation_path(language, ".ts")) if m.finished} \
        if translation_path(language, ".ts").exists() else set()
    waiting = parts()
    with tempfile.TemporaryDirectory() as folder:
        ts = Path(folder) / "pending.ts"
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1"></TS>\n')
        lupdate([Path(f).resolve() for f in files], ts)
        return [m for m in read(ts) if (m.context, m.source) not in known
                and m.source not in waiting and f"{m.context}|{m.source}" not in waiting]


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["update"]:
        for language in TRANSLATED:
            left = update(language)
            bad = problems(read(translation_path(language, ".ts")))
            for m in left:
                print(f"unfinished: {m.where} [{m.context}] {m.source!r}")
            for line in bad:
                print(line)
            print(f"{language}: {len(left)} unfinished, {len(bad)} with wrong fields")
        return 0
    if argv[:1] == ["pending"] and argv[1:]:
        left = pending(argv[1:])
        for m in left:
            print(f"{m.where} [{m.context}] {json.dumps(m.source, ensure_ascii=False)}")
        print(f"{len(left)} pending")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
