"""Handler: ``verify [--store URL] [ARCHIVE_DIR]`` — check the journal's hash chains.

Exit status (DESIGN §6): 0 when every chain verifies (notes — a restore, a second pushing role —
are printed and do not fail it), 1 when an entry does not match (the first one is named on the
last line, on stderr), 2 for bad input (both a store and an archive, a folder that holds no
archive, an unknown store), having changed nothing.
"""

from __future__ import annotations

from pathlib import Path

from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit
from situation_board.domain.chain import ChainReport, Finding
from situation_board.domain.errors import ValidationError
from situation_board.i18n import _

EXIT_MISMATCH = 1


def describe(f: Finding) -> str:
    """One line for a finding, in the UI language."""
    site = f.site[:8] if f.site else "–"
    texts = {
        "hash": _("Entry {number} does not match its hash: it was changed after it was written."),
        "link": _(
            "Entry {number} does not follow the entry before it in the chain of station {site} "
            "(link {seq}): an earlier entry was changed, removed or inserted."
        ),
        "gap": _("Entries are missing before entry {number} (link {seq} of station {site})."),
        "unchained": _("Entry {number} has no hash chain."),
        "branch": _(
            "Entry {number} takes link {seq} of station {site}, which another entry holds: the "
            "chain was altered."
        ),
        "head": _(
            "The recorded chain head of station {site} (link {seq}) does not match the journal "
            "({detail})."
        ),
        "restore": _(
            "Entry {number} begins a new chain segment of station {site}: the station was "
            "restored from a backup or rebuilt (a restore, not a change)."
        ),
        "role": _(
            "Entry {number} was pushed by the database role {detail}, not by the role its "
            "station's other entries came with."
        ),
    }
    return texts[f.kind].format(number=f.number, site=site, seq=f.seq, detail=f.detail)


def report_lines(report: ChainReport) -> int:
    """Print ``report`` (findings, then the verdict); returns the exit status."""
    for finding in report.findings:
        emit(describe(finding))
    if report.ok:
        emit(
            _(
                "The journal verifies: {entries} entries, station chains: {chains}, none changed."
            ).format(entries=report.entries, chains=report.chains)
        )
        return 0
    first = report.failures[0]
    emit(
        _("The journal does NOT verify: the first entry that does not match is {number}.").format(
            number=first.number
        ),
        err=True,
    )
    return EXIT_MISMATCH


def verify(inv: Invocation) -> int:
    """``verify [--store URL] [ARCHIVE_DIR]``: the local board, a shared store or an archive."""
    from situation_board.services import integrity  # noqa: PLC0415 - SQLAlchemy only when used

    a = inv.args
    if a.store and a.archive:
        raise ValidationError("verify_one_place")
    if a.archive:
        result = integrity.verify_archive(Path(a.archive))
        for name in result.bad_files:
            emit(_("The file {name} does not match the archive's SHA256SUMS.").format(name=name))
        status = report_lines(result.chains)
        if result.bad_files and status == 0:
            emit(
                _("The archive does NOT verify: {count} files were changed.").format(
                    count=len(result.bad_files)
                ),
                err=True,
            )
            return EXIT_MISMATCH
        return status
    if a.store:
        from situation_board.cli.sync import _prompt, _url  # noqa: PLC0415 - sync only here
        from situation_board.sync.backend import SharedStore  # noqa: PLC0415 - sync only here
        from situation_board.sync.credentials import PasswordSource  # noqa: PLC0415 - sync only here

        url = _url(inv, a.store)
        shared = SharedStore(url, PasswordSource(url, _prompt()))
        try:
            rows = shared.journal_rows()
        finally:
            shared.close()
        return report_lines(integrity.verify_store_rows(rows))
    inv.ctx.require_board()
    return report_lines(integrity.verify_board(inv.ctx.store()))
