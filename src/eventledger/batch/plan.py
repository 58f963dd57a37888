"""Inputs -> sources -> shards: what a batch run will read, cut into pieces of N documents.

Inputs are paths, globs (``'crawl/*.warc.gz'``, expanded here, so quoting them is fine) and
``@FILE`` (a text file naming one path or glob per line). Directories are walked as
``ingest`` walks them. Every file becomes a *source*: a WARC or JSON Lines file on its own,
and each run of consecutive HTML / text files together. A source is cut into shards of at
most ``shard_size`` documents: WARC files at record offsets, JSON Lines files at line offsets
(found by reading the file once, headers and lines only), loose files by count. Shard ids
(``SSSSS-PPPPPP``: source, part) sort in input order, which is the order ``load`` adds them.

The plan is saved as ``plan.json`` in the output directory. A run that finds one resumes it
when the inputs and shard size are the same (same files, same sizes), and refuses otherwise.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from eventledger.errors import InputError, UsageError
from eventledger.ingest import files, jsonl, warc
from eventledger.ingest.decode import binary_kind
from eventledger.ingest.options import InputFailure

Kind = Literal["files", "jsonl", "warc"]
PLAN_FILE = "plan.json"
PLAN_VERSION = 1


@dataclass(frozen=True, slots=True)
class Source:
    """One WARC or JSON Lines file, or a run of HTML/text files; paths as given."""

    kind: Kind
    paths: tuple[str, ...]
    sizes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Shard:
    """At most ``shard_size`` documents of one source.

    ``files``: ``paths`` are the files. ``jsonl`` / ``warc``: ``paths[0]`` is the file,
    ``start`` the byte offset of the shard's first line / record, ``first_line`` that line's
    number, ``count`` how many documents (JSON Lines rows or HTML responses) it holds.
    """

    id: str
    kind: Kind
    paths: tuple[str, ...]
    start: int = 0
    first_line: int = 1
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    inputs: tuple[str, ...]
    shard_size: int
    sources: tuple[Source, ...]
    shards: tuple[Shard, ...]
    failures: tuple[tuple[str, str], ...] = ()  # (input, message): files not read to the end


# ---------------------------------------------------------------- inputs -> sources


def expand(inputs: Sequence[str]) -> tuple[list[Source], list[InputFailure]]:
    """The sources the inputs name, in order, and the inputs that name nothing readable."""
    found: list[str] = []
    failures: list[InputFailure] = []
    for item in _paths(inputs, failures):
        path = Path(item)
        if path.is_dir():
            for entry in files.walk(path):
                if isinstance(entry, InputFailure):
                    failures.append(entry)
                else:
                    found.append(str(entry))
        elif path.is_file():
            found.append(item)
        else:
            failures.append(
                InputFailure(item, f"no such file or directory: {item!r} — check the path")
            )
    return _group(found), failures


def _paths(inputs: Sequence[str], failures: list[InputFailure]) -> Iterator[str]:
    for item in inputs:
        if item.startswith("@"):
            yield from _paths(_listed(item[1:], failures), failures)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                failures.append(InputFailure(item, f"{item}: the pattern matches no file"))
            yield from matches
        else:
            yield item


def _listed(list_file: str, failures: list[InputFailure]) -> list[str]:
    try:
        text = Path(list_file).read_text(encoding="utf-8")
    except OSError as error:
        failures.append(
            InputFailure(
                f"@{list_file}", f"cannot read the list @{list_file}: {error.strerror or error}"
            )
        )
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _group(paths: list[str]) -> list[Source]:
    sources: list[Source] = []
    loose: list[str] = []
    for item in paths:
        kind = _kind(item)
        if kind == "files":
            loose.append(item)
            continue
        if loose:
            sources.append(_source("files", loose))
            loose = []
        sources.append(_source(kind, [item]))
    if loose:
        sources.append(_source("files", loose))
    return sources


def _kind(path: str) -> Kind:
    if warc.is_warc(path):
        return "warc"
    if Path(path).suffix.lower() in jsonl.SUFFIXES:
        return "jsonl"
    return "files"


def _source(kind: Kind, paths: list[str]) -> Source:
    return Source(kind, tuple(paths), tuple(_size(p) for p in paths))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


# ---------------------------------------------------------------- sources -> shards


def cut(number: int, source: Source, shard_size: int, max_bytes: int) -> Cut:
    """The shards of source ``number``. Reads WARC and JSON Lines files once (no payloads
    are decoded)."""
    if source.kind == "files":
        return Cut(
            [
                Shard(_shard_id(number, part), "files", source.paths[start : start + shard_size])
                for part, start in enumerate(range(0, len(source.paths), shard_size))
            ]
        )
    path = source.paths[0]
    whole = Cut([Shard(_shard_id(number, 0), source.kind, (path,))])
    try:
        if source.kind == "warc":
            found = warc.html_offsets(Path(path), shard_size)
            starts, total, error = [(o, 1) for o in found.starts], found.total, found.error
        else:
            if _looks_binary(Path(path)):
                return whole  # read whole, as ingest reads it: one "binary" problem
            starts, total = _jsonl_starts(Path(path), shard_size, max_bytes)
            error = None
    except InputError as failure:
        return Cut([], InputFailure(path, str(failure)))
    if total == 0 and error is None:
        return whole if source.kind == "jsonl" else Cut([])  # "no rows" is a problem record
    shards = [
        Shard(
            _shard_id(number, part),
            source.kind,
            (path,),
            offset,
            line,
            min(shard_size, total - part * shard_size),
        )
        for part, (offset, line) in enumerate(starts)
    ]
    return Cut(shards, InputFailure(path, error) if error else None)


@dataclass(frozen=True, slots=True)
class Cut:
    """A source's shards, and why it could not be read to the end, if it could not."""

    shards: list[Shard]
    failure: InputFailure | None = None


def _looks_binary(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False  # _jsonl_starts reports it
    return binary_kind(head.removeprefix(b"\xef\xbb\xbf")) is not None


def _jsonl_starts(path: Path, every: int, max_bytes: int) -> tuple[list[tuple[int, int]], int]:
    """(byte offset, line number) where rows 1, every+1, 2*every+1... begin, and the rows."""
    starts: list[tuple[int, int]] = []
    rows = 0
    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror or error}") from error
    with stream:
        offset, next_line = 0, 1
        for number, _ in jsonl.lines(stream, max_bytes):
            if rows % every == 0:
                starts.append((offset, next_line))
            rows += 1
            offset, next_line = stream.tell(), number + 1
    return starts, rows


def _shard_id(source: int, part: int) -> str:
    return f"{source:05d}-{part:06d}"


# ---------------------------------------------------------------- plan file


def load_plan(out: Path) -> Plan | None:
    """The plan saved in ``out``, or None when there is none."""
    path = out / PLAN_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != PLAN_VERSION:
        raise UsageError(f"{path} was written by another eventledger version; use a new --out.")
    return Plan(
        inputs=tuple(data["inputs"]),
        shard_size=data["shard_size"],
        sources=tuple(
            Source(s["kind"], tuple(s["paths"]), tuple(s["sizes"])) for s in data["sources"]
        ),
        shards=tuple(Shard(**{**s, "paths": tuple(s["paths"])}) for s in data["shards"]),
        failures=tuple((f[0], f[1]) for f in data.get("failures", [])),
    )


def save_plan(out: Path, plan: Plan) -> None:
    """Write ``plan.json`` into ``out`` atomically."""
    data = {
        "version": PLAN_VERSION,
        "inputs": list(plan.inputs),
        "shard_size": plan.shard_size,
        "sources": [asdict(s) for s in plan.sources],
        "shards": [asdict(s) for s in plan.shards],
        "failures": [list(f) for f in plan.failures],
    }
    temp = out / f".{PLAN_FILE}.{os.getpid()}"
    temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temp, out / PLAN_FILE)


def check_resumable(saved: Plan, sources: Sequence[Source], shard_size: int, out: Path) -> None:
    """Raise UsageError unless ``saved`` was made from these sources and shard size."""
    if saved.shard_size != shard_size:
        raise UsageError(
            f"{out} holds a run with --shard-size {saved.shard_size}; give that size to resume "
            "it, or a new --out."
        )
    if tuple(sources) != saved.sources:
        raise UsageError(
            f"{out} holds a run over other inputs (files added, removed or changed since); "
            "give the same inputs to resume it, or a new --out."
        )
