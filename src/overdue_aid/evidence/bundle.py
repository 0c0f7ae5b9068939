"""`evidence export`: one ZIP a regulator, lawyer or court can read and check.

Contents: report.html and report.pdf (timeline, statistics, charts, evidence index), stats.json, evidence.json
(every entry with the exact content its hash was taken over), charts/*.svg, attachments/*, manifest.json (every
hash) and SHA256SUMS (for `sha256sum -c SHA256SUMS`). Written to a temporary file and moved into place, so a
failure leaves no half-written bundle, and an existing file is replaced only with --force.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..case.models import Case
from ..errors import OverdueError
from .log import canonical_content, list_entries
from .redact import redact_text
from .stats import compute_stats
from .vault import hash_file, vault_path
from .verify import verify_log

BUNDLE_FORMAT = "overdue-aid/evidence-bundle/1"


@dataclass
class BundleResult:
    path: Path
    entries: int
    attachments: int
    sha256: str
    head: str
    verified: bool
    redacted: bool
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # catalog keys

    def as_dict(self) -> dict[str, Any]:
        """JSON form of the result."""
        return {"path": str(self.path), "entries": self.entries, "attachments": self.attachments,
                "sha256": self.sha256, "chain_head": self.head, "verified": self.verified,
                "redacted": self.redacted, "files": self.files}


def _safe_name(name: str) -> str:
    """A file name that is safe in a ZIP and in a SHA256SUMS line (no separators, no control characters)."""
    cleaned = re.sub(r"[^\w.\- ]", "_", name, flags=re.UNICODE).strip(" .") or "file"
    return cleaned[:100]


def _json_bytes(data: Any) -> bytes:
    from ..output import to_json

    return (to_json(data) + "\n").encode("utf-8")


def _evidence_json(conn: sqlite3.Connection, case_id: int, redact: bool) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM evidence_entries WHERE case_id = ? ORDER BY seq, id", (case_id,)).fetchall()
    out = []
    for row in rows:
        content = json.loads(canonical_content(row))
        if redact:
            for name in ("counterpart_number", "summary", "text"):
                content[name] = redact_text(content[name])
        out.append({"content": content, "entry_hash": row["entry_hash"]})
    return out


def write_bundle(conn: sqlite3.Connection, data_dir: Path, case: Case, output: Path, *, redact: bool = False,
                 overwrite: bool = False, lang: str | None = None) -> BundleResult:
    """Build the ZIP for one case (see the module docstring); the report is in `lang` (default: the current one)."""
    from ..i18n import current_language, set_language

    previous = current_language()
    if lang:
        set_language(lang)
    try:
        return _write_bundle(conn, data_dir, case, output, redact=redact, overwrite=overwrite)
    finally:
        set_language(previous)


def _write_bundle(conn: sqlite3.Connection, data_dir: Path, case: Case, output: Path, *, redact: bool,
                  overwrite: bool) -> BundleResult:
    from ..i18n import t
    from ..store.files import atomic_write_stream
    from .report import build_model, render_html, render_pdf

    output = Path(output)
    if output.exists() and not overwrite:  # before any work: fail fast, change nothing
        from ..errors import bad_input

        raise bad_input("errors.file.exists", path=str(output))
    entries = list_entries(conn, case.id)
    report = verify_log(conn, data_dir, case.id)
    for problem in report.problems:
        if problem.kind == "file_missing":
            raise OverdueError("evidence.errors.vault_file_missing", name=problem.name, entry_id=problem.entry_id,
                               sha=(problem.sha256 or "")[:16])
    stats = compute_stats(entries, case.jurisdiction, case.effective_timezone())
    generated_at = datetime.now(timezone.utc).replace(microsecond=0)
    head = report.heads.get(case.id or 0, "")

    # A vault file whose bytes changed is still exported, listed with the hash of what it now holds (the report
    # and manifest say verification failed), so SHA256SUMS describes the bundle as it is.
    changed = {problem.sha256 for problem in report.problems if problem.kind == "file_changed"}
    attachments: dict[str, dict[str, Any]] = {}
    for entry in entries:
        for sha, name in entry.attachments:
            item = attachments.setdefault(sha, {"sha256": sha, "name": name,
                                                "path": f"attachments/{sha[:12]}-{_safe_name(name)}",
                                                "size": vault_path(data_dir, sha).stat().st_size, "entry_ids": []})
            item["entry_ids"].append(entry.id)
    files_index = [{**item, "entries": ", ".join(f"#{entry_id}" for entry_id in item["entry_ids"])}
                   for item in attachments.values()]
    mask = redact_text if redact else (lambda text: text)
    model = build_model(case, entries, stats, files=files_index, verify_ok=report.ok,
                        problems=[problem.describe() for problem in report.problems], head=head,
                        generated_at=generated_at.isoformat(), redacted=redact, mask=mask)
    pdf, fallback_font = render_pdf(model)
    documents: dict[str, bytes] = {
        "report.html": render_html(model).encode("utf-8"),
        "report.pdf": pdf,
        "stats.json": _json_bytes({"case_id": case.id, **stats.as_dict()}),
        "evidence.json": _json_bytes({"format": "overdue-aid/evidence/1", "redacted": redact,
                                      "hash": t("evidence.report.hash_rule"),
                                      "entries": _evidence_json(conn, case.id or 0, redact)}),
        "charts/contacts_per_day.svg": model.per_day_svg.encode("utf-8"),
        "charts/heat_map.svg": model.heat_svg.encode("utf-8"),
    }
    listing = [{"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
               for name, data in documents.items()]
    listing += [{"path": item["path"], "size": item["size"], "original_name": item["name"], "entries": item["entry_ids"],
                 "sha256": hash_file(vault_path(data_dir, sha)) if sha in changed else sha}
                for sha, item in attachments.items()]
    manifest = {
        "format": BUNDLE_FORMAT, "generated_at": generated_at.isoformat(), "generator": "overdue-aid",
        "case": {"id": case.id, "lender": case.lender, "jurisdiction": case.jurisdiction,
                 "timezone": case.effective_timezone()},
        "redacted": redact, "hash_algorithm": "sha256",
        "chain": {"head": head, "verified": report.ok, "problems": [problem.as_dict() for problem in report.problems],
                  "entries": [{"id": entry.id, "seq": entry.seq, "entry_hash": entry.entry_hash,
                               "prev_hash": entry.prev_hash} for entry in sorted(entries, key=lambda e: e.seq)]},
        "files": listing,
    }
    documents["manifest.json"] = _json_bytes(manifest)
    sums = [(item["sha256"], item["path"]) for item in listing]
    sums.append((hashlib.sha256(documents["manifest.json"]).hexdigest(), "manifest.json"))
    documents["SHA256SUMS"] = "".join(f"{sha}  {path}\n" for sha, path in sorted(sums, key=lambda s: s[1])).encode()
    stamp = generated_at.timetuple()[:6]

    def write(handle: Any) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in documents.items():
                archive.writestr(zipfile.ZipInfo(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED)
            for item in attachments.values():  # streamed from the vault, stored as they are (media is compressed)
                info = zipfile.ZipInfo(item["path"], stamp)
                info.compress_type = zipfile.ZIP_STORED
                source_path = vault_path(data_dir, item["sha256"])
                with source_path.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
                    while chunk := source.read(1 << 20):
                        target.write(chunk)

    atomic_write_stream(output, write, overwrite=overwrite, mode=0o600)
    warnings = []
    if fallback_font:
        warnings.append("evidence.export.font_fallback")
    if redact and attachments:
        warnings.append("evidence.export.attachments_not_redacted")
    if not report.ok:
        warnings.append("evidence.export.not_verified")
    return BundleResult(path=output, entries=len(entries), attachments=len(attachments), sha256=hash_file(output),
                        head=head, verified=report.ok, redacted=redact,
                        files=sorted([*documents, *(item["path"] for item in attachments.values())]),
                        warnings=warnings)
