"""Machine translation, pluggable: ``editions pretranslate --lang LANG --command CMD``.

No engine is bundled. ``CMD`` (split as a shell would, run without one) is run
once per catalog that has untranslated messages, with JSON on its standard
input::

    {"source_language": "en", "target_language": "fr",
     "messages": [{"id": "<msgctxt>", "text": "<source text>", "notes": ["<#. guidance>"]}]}

(``source_language`` the project's, ``[site] source_language``, as BCP 47 writes it)

and answers on its standard output::

    {"translations": [{"id": "<msgctxt>", "text": "<translation>"}]}

Each translation is checked by the checks of ``editions check``
(:class:`editions.exchange.Checker`): Markdown, links and numbers kept. One that
passes is filed ``fuzzy`` with the translator comment ``machine translation:
CMD``, for a translator to review; one that fails is reported with its reasons
and left untranslated. A message the answer leaves out stays untranslated; an
``id`` that was not asked for is an error. A command that cannot be started,
exits with a failure, takes longer than ``--timeout`` seconds, or answers
something other than that JSON is one error line, and no catalog is written.
Catalogs are written together, through :mod:`editions.po.write`, once every
command has answered.
"""

from __future__ import annotations

import json
import shlex
import subprocess
from dataclasses import dataclass, field
from typing import Any

import polib

from editions import fsutil
from editions.errors import EditionsError
from editions.exchange import checker, read_to_change
from editions.localedata import locale_info
from editions.po.merge import FUZZY
from editions.po.write import format_changed
from editions.project import Project

#: The translator comment on a machine translation starts so.
COMMENT = "machine translation:"


@dataclass
class Pretranslated:
    """What ``pretranslate`` did: the catalogs written, translations filed, refusals."""

    written: list[str] = field(default_factory=list)
    filed: int = 0
    refused: list[str] = field(default_factory=list)  #: ``path:line: warning: ...`` lines


def pretranslate(
    project: Project, lang: str, docs: list[str] | None, command: str, timeout: float
) -> Pretranslated:
    """Send the untranslated messages of ``lang``'s catalogs of ``docs`` to ``command``
    and file what passes the checks (see the module's policy)."""
    from editions.translations import catalog_files

    argv = shlex.split(command)
    if not argv:
        raise EditionsError("--command is empty")
    files, _ = catalog_files(project, [lang], docs)
    done = Pretranslated()
    writes: list[tuple[str, str]] = []
    info = locale_info(lang)
    for ref in files:
        before, po, layout = read_to_change(ref.path, ref.name)
        todo = {e.msgctxt: e for e in po if not e.obsolete and e.msgctxt and not e.msgstr}
        if not todo:
            continue
        request = {
            "source_language": locale_info(project.source_lang).bcp47,
            "target_language": info.bcp47,
            "messages": [
                {"id": ctxt, "text": e.msgid, "notes": e.comment.split("\n") if e.comment else []}
                for ctxt, e in todo.items()
            ],
        }
        answer = _call(argv, command, request, timeout, ref.name)
        checking = checker(project, ref.doc, lang)
        for ctxt, text in answer:
            entry = todo.get(ctxt)
            if entry is None:
                raise EditionsError(f"{command}: answered '{ctxt}', which was not asked", ref.name)
            found = checking.problems(ctxt, entry.msgid, text)
            if found:
                line = f"{ref.name}:{entry.linenum}" if entry.linenum else ref.name
                done.refused.append(
                    f"{line}: warning: machine translation of '{ctxt}' not filed: "
                    + "; ".join(found)
                )
                continue
            _file(entry, text, command)
            done.filed += 1
        text_out = format_changed(po, before, layout)
        if text_out is not None:
            writes.append((ref.path, text_out))
    changed = fsutil.write_together(writes)
    done.written = [project.relative(p) for (p, _), c in zip(writes, changed, strict=True) if c]
    return done


def _file(entry: polib.POEntry, text: str, command: str) -> None:
    entry.msgstr = text
    if entry.msgid_plural:
        entry.msgstr_plural = {**entry.msgstr_plural, 0: text}
    line = f"{COMMENT} {command}"
    entry.tcomment = f"{entry.tcomment}\n{line}" if entry.tcomment else line
    if FUZZY not in entry.flags:
        entry.flags.insert(0, FUZZY)


def _call(
    argv: list[str], command: str, request: dict[str, Any], timeout: float, name: str
) -> list[tuple[str, str]]:
    """Run the engine on ``request`` for the catalog ``name``; its (id, text) answers."""
    try:
        done = subprocess.run(
            argv,
            input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise EditionsError(f"{command}: no answer within {timeout:g} s", name) from None
    except OSError as exc:
        raise EditionsError(f"{command}: cannot be run: {exc.strerror or exc}", name) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = f": {said[-1]}" if said else ""
        raise EditionsError(f"{command}: failed with status {done.returncode}{why}", name)
    return _answers(done.stdout, command, name)


def _answers(raw: bytes, command: str, name: str) -> list[tuple[str, str]]:
    """The (id, text) pairs of an engine's answer, or the error that it is not one."""
    try:
        answer = json.loads(raw.decode("utf-8"))
        items = answer["translations"]
        pairs = [(item["id"], item["text"]) for item in items]
    except (ValueError, KeyError, TypeError) as exc:
        raise EditionsError(
            f'{command}: not an answer ({{"translations": [{{"id": ..., "text": ...}}]}}): {exc}',
            name,
        ) from None
    if not all(isinstance(i, str) and isinstance(t, str) for i, t in pairs):
        raise EditionsError(f"{command}: an id or text that is not a string", name)
    return [(i, t) for i, t in pairs if t]
