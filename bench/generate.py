"""Generate a scaled benchmark workload: D documents in L languages.

    python bench/generate.py ROOT --docs D --langs L

ROOT becomes a valid editions project, so ``editions -C ROOT extract|update|build --all``
works on it::

    ROOT/source_text/doc-001.md ...        D documents derived from source_text/article.md
    ROOT/source_v2/doc-001.md ...          the same documents, edited (for the update step)
    ROOT/locales/doc-001.pot ...           templates of source_text/, as 'editions extract'
    ROOT/locales/<lang>/LC_MESSAGES/*.po   full pseudo-translations of source_text/
    ROOT/pot_v2/doc-001.pot ...            templates of source_v2/ (for msgmerge)
    ROOT/workload.json                     what was generated: documents, languages, edits

Document k is article.md with every message made distinct: titles, headings and point
titles get ``(k)``, paragraphs and point texts end with the sentence ``See note k.``.
The document's shape (front matter, ``#`` title, lede, six ``## Heading {#id}``
sections of two ``1. **Title:** Text`` points, closing paragraph) is kept and checked
with editions' own parser.

source_v2 applies the same few edits to every document (see ``EDITS``): two changed
sentences (fuzzy on update), a removed point (obsolete), a real punctuation change
(fuzzy) and a curly-to-straight apostrophe (trivial: kept as it is).

Catalogs are written with editions' library (``catalog.to_pot``, ``catalog.new_po``,
``po.write.format_po``) and headers from CLDR (``localedata.locale_info``), exactly as
``editions extract`` and ``editions init`` write them, with ``SOURCE_DATE_EPOCH``
fixed. Every msgstr is a deterministic pseudo-translation (:func:`pseudo`): letters
accented, Markdown syntax, placeholders, anchors and numbers kept. Same arguments,
same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = HERE.parent / "source_text" / "article.md"

#: Real CLDR codes, a mix of scripts and directions (RTL: ur, ar, fa, he, ps).
LANGUAGES = (
    "fr", "de", "es", "ru", "ur", "ar", "fa", "zh_Hans", "ja", "hi",
    "pt", "it", "nl", "sv", "pl", "tr", "uk", "cs", "ro", "hu",
    "el", "fi", "da", "nb", "he", "id", "vi", "ko", "bn", "ps",
)  # fmt: skip

#: The edits that make source_v2 from the article: (old, new, what it tests).
EDITS = (
    (
        "Pakistan is under increasing international scrutiny",
        "Pakistan is under growing international scrutiny",
        "lede: a changed word (fuzzy)",
    ),
    (
        "There have been calls for international investigations",
        "There have been repeated calls for independent international investigations",
        "reactions/point-2/text: a changed sentence (fuzzy)",
    ),
    (
        "2. **Ongoing Monitoring:** International organizations and advocates must continue "
        "to monitor and address human rights issues in Balochistan effectively. The global "
        "community will likely closely watch developments in the region.\n",
        "",
        "prospects/point-2: a removed point (obsolete)",
    ),
    (
        "issues in Balochistan, with global condemnation",
        "issues in Balochistan; with global condemnation",
        "closing: a changed punctuation mark (fuzzy)",
    ),
    (
        "## Pakistan’s Response {#response}",
        "## Pakistan's Response {#response}",
        "response/heading: curly to straight apostrophe (trivial, kept)",
    ),
)

SOURCE_DATE_EPOCH = "1795564800"  # 2026-11-25 00:00 UTC: the catalogs' PO-Revision-Date

# Pseudo-translation: five accent sets, chosen by the language's index.
_PLAIN = "aeiouyAEIOUYcnszCNSZ"
_ACCENTS = (
    "áéíóúýÁÉÍÓÚÝçñśźÇÑŚŹ",
    "àèìòùỳÀÈÌÒÙỲĉńšžĈŃŠŽ",
    "äëïöüÿÄËÏÖÜŸčňşżČŇŞŻ",
    "âêîôûŷÂÊÎÔÛŶćņșẑĆŅȘẐ",
    "åēīøůȳÅĒĪØŮȲċṅṡẓĊṄṠẒ",
)
_TABLES = [str.maketrans(_PLAIN, accents) for accents in _ACCENTS]
#: What a pseudo-translation must keep as it is: placeholders, heading anchors, inline
#: code, link targets, autolinks and HTML, entities, addresses.
_KEEP = re.compile(r"\{[#A-Za-z0-9_-]*\}|`[^`]*`|\]\([^)]*\)|<[^>]*>|&[A-Za-z0-9#]+;|https?://\S+")
FRONT_MATTER = re.compile(r"^(---\n)?([a-z][a-z0-9_-]*: .*\n?)+(---\n*)?$|^\d{4}-\d\d-\d\d$")


def pseudo(text: str, lang: str) -> str:
    """A deterministic pseudo-translation of ``text`` into ``lang``.

    Only ASCII letters change; Markdown syntax, numbers and what ``_KEEP`` matches stay.

    >>> pseudo("**Calls for Action:** see [the report](https://x.org/a) {title}", "fr")
    '**Çállś fór Áçtíóñ:** śéé [thé répórt](https://x.org/a) {title}'
    """
    table = _TABLES[LANGUAGES.index(lang) % len(_TABLES) if lang in LANGUAGES else 0]
    out: list[str] = []
    end = 0
    for match in _KEEP.finditer(text):
        out.append(text[end : match.start()].translate(table))
        out.append(match.group())
        end = match.end()
    out.append(text[end:].translate(table))
    return "".join(out)


def translate_message(msgid: str, lang: str) -> str:
    """The msgstr for ``msgid``: front matter and point layouts are set, not translated."""
    if FRONT_MATTER.match(msgid):
        return msgid
    if msgid == "**{title}:** {text}":
        if lang == "fr":
            return "**{title}\u202f:** {text}"
        if lang in ("zh_Hans", "ja"):
            return "**{title}**：{text}"
        return msgid
    return pseudo(msgid, lang)


def _edit_v2(text: str) -> str:
    for old, new, what in EDITS:
        if text.count(old) != 1:
            raise SystemExit(f"generate: edit no longer applies to article.md: {what}")
        text = text.replace(old, new)
    return text


_POINT = re.compile(r"^(?P<head>\d+\. \*\*)(?P<title>.+?)(?P<sep>:\*\*) (?P<text>.*)$")
_HEADING = re.compile(r"^## (?P<text>.+?) (?P<id>\{#[a-z0-9-]+\})$")


def derive(article: str, k: int) -> str:
    """Document ``k``: ``article`` with every message made distinct by ``k``."""
    lines = article.split("\n")
    out: list[str] = []
    in_front = lines[0] == "---"
    for number, line in enumerate(lines):
        if in_front:
            out.append(line)
            if line == "---" and number > 0:
                in_front = False
            continue
        if not line.strip():
            out.append(line)
        elif line.startswith("# "):
            out.append(f"{line} ({k})")
        elif m := _HEADING.match(line):
            out.append(f"## {m['text']} ({k}) {m['id']}")
        elif m := _POINT.match(line):
            out.append(f"{m['head']}{m['title']} ({k}){m['sep']} {m['text']} See note {k}.")
        elif number + 1 < len(lines) and lines[number + 1].strip():
            out.append(line)  # a paragraph goes on: the sentence goes at its end
        else:
            out.append(f"{line} See note {k}.")
    return "\n".join(out)


def generate(root: Path, docs: int, langs: int) -> dict[str, object]:
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    from editions import catalog, source
    from editions.localedata import locale_info
    from editions.po.write import format_po

    if not 1 <= langs <= len(LANGUAGES):
        raise SystemExit(f"generate: --langs must be 1..{len(LANGUAGES)}")
    if root.exists() and any(root.iterdir()) and not (root / "workload.json").exists():
        raise SystemExit(f"generate: {root} is not empty and holds no workload.json: refusing")
    for sub in ("source_text", "source_v2", "pot_v2", "locales", "build"):
        shutil.rmtree(root / sub, ignore_errors=True)

    article = ARTICLE.read_text(encoding="utf-8")
    v2 = _edit_v2(article)
    width = max(3, len(str(docs)))
    names = [f"doc-{k:0{width}d}" for k in range(1, docs + 1)]
    codes = list(LANGUAGES[:langs])
    infos = [locale_info(code) for code in codes]

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    for k, name in enumerate(names, 1):
        text = derive(article, k)
        write(root / "source_text" / f"{name}.md", text)
        write(root / "source_v2" / f"{name}.md", derive(v2, k))
        rel2 = f"source_text/{name}.md"  # where the edited text will be when it is current
        parsed2 = source.parse(derive(v2, k), rel2, name)  # raises if misshapen
        write(root / "pot_v2" / f"{name}.pot", format_po(catalog.to_pot(parsed2, rel2)))
        rel = f"source_text/{name}.md"
        parsed = source.parse(text, rel, name)
        pot = catalog.to_pot(parsed, rel)
        write(root / "locales" / f"{name}.pot", format_po(pot))
        for info in infos:
            po = catalog.new_po(pot, name, info)
            for entry in po:
                entry.msgstr = translate_message(entry.msgid, info.code)
            write(root / "locales" / info.code / "LC_MESSAGES" / f"{name}.po", format_po(po))

    meta: dict[str, object] = {
        "docs": names,
        "languages": codes,
        "messages_per_document": len(pot),
        "edits_in_source_v2": [what for _, _, what in EDITS],
        "source_date_epoch": SOURCE_DATE_EPOCH,
    }
    write(root / "workload.json", json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("root", type=Path, help="the workload folder (created; regenerated if present)")
    p.add_argument("--docs", "-D", type=int, default=1, help="number of documents (default 1)")
    p.add_argument("--langs", "-L", type=int, default=10, help=f"languages, 1..{len(LANGUAGES)}")
    args = p.parse_args(argv)
    meta = generate(args.root, args.docs, args.langs)
    print(
        f"{args.root}: {len(meta['docs'])} documents x {len(meta['languages'])} languages "  # type: ignore[arg-type]
        f"({meta['messages_per_document']} messages each)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
