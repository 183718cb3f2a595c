"""The HTML step of the other tools' pipelines: every *.md under the given folders
becomes a *.html beside it, through Python-Markdown, in one process.

    python bench/md2html.py FOLDER...

Extensions: ``meta`` (front matter) and ``attr_list`` (``{#id}`` anchors on headings),
so the pages carry what the editions' pages carry: the text, headings with their ids.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown


def main(folders: list[str]) -> int:
    md = markdown.Markdown(extensions=["meta", "attr_list"], output_format="html")
    count = 0
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.md")):
            html = md.reset().convert(path.read_text(encoding="utf-8"))
            path.with_suffix(".html").write_text(html + "\n", encoding="utf-8")
            count += 1
    if not count:
        print(f"md2html: no *.md under {' '.join(folders)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
