"""``briefing check``: verify a whole index, like Lucene's CheckIndex, and repair it.

Opening an index checks sizes, the TOC, the meta file and the CRC-32 of files up to 64 MB;
this checks everything: every recorded file's CRC-32 whatever its size, both records of the
sources, and then reads every stored paragraph, every column and every posting list, which
also finds damage in a commit whose checksums were never recorded (a writer killed between
its commit and writing the meta file). Repairing rebuilds from the recorded sources (or only
rewrites ``SOURCES`` when that is all that is wrong), never from the seed articles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IndexDamaged, IndexMissing
from .integrity import SOURCES_FILE, read_meta, read_sources, recorded_sources, write_sources
from .opening import rebuild_index
from .store import BriefingIndex, Progress, has_index
from .topics import TopicSet


@dataclass
class CheckReport:
    """What ``check_index`` found: no problems means the index is sound."""

    directory: Path
    problems: list[str] = field(default_factory=list)
    paragraphs: int = 0
    files: int = 0
    bytes_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return (f"index {self.directory} is sound: {self.paragraphs} paragraphs, "
                    f"{self.files} files, {self.bytes_checked / 1e6:.1f} MB checked")
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"index {self.directory} is damaged: {self.problems[0]}{more}"


def check_index(directory: Path) -> CheckReport:
    """Verify everything; ``IndexMissing`` when there is no index at all."""
    report = CheckReport(directory)
    if not has_index(directory):
        raise IndexMissing(f"no index in {directory}")
    meta, meta_problem = read_meta(directory)
    sources, sources_problem = read_sources(directory)
    legacy = meta_problem is None and "checksum" not in meta  # made before SOURCES existed
    if sources_problem and not (legacy and sources is None and sources_problem.endswith("missing")):
        report.problems.append(sources_problem)
    elif meta_problem is None and sources is not None \
            and sources != [str(s) for s in meta.get("sources", [])]:
        report.problems.append(f"{SOURCES_FILE} and briefing.json record different sources")
    try:
        ix = BriefingIndex.open(directory, crc_limit=None)
    except IndexDamaged as exc:
        report.problems.insert(0, exc.detail)
        return report
    with ix:
        files = ix.recorded_files
        report.files = len(files)
        report.bytes_checked = sum(r if isinstance(r, int) else r[0] for r in files.values())
        try:
            report.paragraphs = _read_everything(ix)
        except Exception as exc:  # any decoding failure is damage here
            report.problems.insert(0, f"cannot read it back ({type(exc).__name__}: "
                                      f"{str(exc)[:120]})")
    return report


def _read_everything(ix: BriefingIndex) -> int:
    """Decode every stored paragraph, column and posting list; the paragraph count."""
    with ix.lock:
        searcher = ix.searcher()
        for reader, _offset in searcher.reader().leaf_readers():
            for docnum in reader.all_doc_ids():
                reader.stored_fields(docnum)
            for name, fieldtype in reader.schema.items():
                if fieldtype.column_type is not None and reader.has_column(name):
                    column = reader.column_reader(name)
                    for docnum in range(reader.doc_count_all()):
                        column[docnum]
                if fieldtype.indexed and name in reader.indexed_field_names():
                    for term in reader.lexicon(name):
                        postings = reader.postings(name, term)
                        for _ in postings.all_ids():
                            pass
        return searcher.doc_count()


def repair_index(
    directory: Path,
    report: CheckReport,
    *,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> str:
    """Repair what ``check_index`` found; one line saying what was done. Raises
    ``IndexDamaged`` when the sources are known from neither record."""
    if report.ok:
        return f"index {directory} is sound: nothing to repair"
    meta, meta_problem = read_meta(directory)
    if all(p.startswith(SOURCES_FILE) for p in report.problems) and meta_problem is None:
        write_sources(directory, [str(s) for s in meta.get("sources", [])])
        return f"rewrote {directory / SOURCES_FILE} from briefing.json"
    sources = recorded_sources(directory)
    if not sources:
        raise IndexDamaged(f"index {directory} is damaged and its sources are not recorded: "
                           f"rebuild it with `briefing index --rebuild PATH... --index-dir "
                           f"{directory}`")
    topics = None
    if meta_problem is None and "topics" in meta:  # the topics it was built with
        topics = TopicSet(meta["topics"], skip_refused=True)
    with rebuild_index(directory, [Path(s) for s in sources], topics=topics, progress=progress,
                       notify=notify) as fresh:
        count = fresh.paragraph_count()
    return (f"rebuilt {directory} from {len(sources)} recorded source(s): "
            f"{count} paragraphs")
