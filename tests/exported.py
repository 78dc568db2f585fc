"""Reading an export back: each fact and entity as the JSON contract writes it,
made again from the export's rows alone, so tests can compare the two."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sinokaz_cli.api import open_knowledge


def export(data: Path | str, folder: Path, cache: bool = False) -> Path:
    """An SQLite export of the knowledge at `data`, written through the API."""
    return open_knowledge(data, cache=cache).export_sqlite(folder / "kb.db")


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return conn


def _date(row: sqlite3.Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out = {k: row[k] for k in row.keys() if k not in ("id", "fact_id", "entity_id")}
    out["inferred"] = bool(out["inferred"])
    return out


def _column(conn: sqlite3.Connection, sql: str, key: str) -> list[Any]:
    return [r[0] for r in conn.execute(sql + " ORDER BY position", (key,))]


def facts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every fact, in file order, as `facts --json` gives it."""
    out = []
    for f in conn.execute("SELECT * FROM facts ORDER BY position").fetchall():
        fid = f["id"]
        a = conn.execute("SELECT * FROM attributions WHERE fact_id = ?", (fid,)).fetchone()
        figures = conn.execute(
            "SELECT value, unit, qualifier, about, per, change, text FROM figures "
            "WHERE fact_id = ? ORDER BY position",
            (fid,),
        ).fetchall()
        date = conn.execute("SELECT * FROM dates WHERE fact_id = ?", (fid,)).fetchone()
        out.append(
            {
                "id": fid,
                "category": f["category"],
                "statement": f["statement"],
                "figures": [{**dict(g), "change": bool(g["change"])} for g in figures],
                "date": _date(date),
                "entities": _column(
                    conn, "SELECT entity_id FROM fact_entities WHERE fact_id = ?", fid
                ),
                "tags": _column(conn, "SELECT tag FROM fact_tags WHERE fact_id = ?", fid),
                "speaker": a["speaker_id"],
                "attribution": a["attribution"],
                "quote": f["quote"],
                "note": f["note"],
                "how": a["how"],
                "to": a["to_id"],
                "said_by": {
                    "how": a["how"],
                    "id": a["speaker_id"],
                    "name": a["name"],
                    "to": a["to_id"],
                    "to_name": a["to_name"],
                    "text": a["text"],
                },
                "source": f["source_id"],
                "paragraphs": json.loads(f["paragraphs"]),
                "citation": f["citation"],
            }
        )
    return out


def entities(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every entity, in file order, as `entities --json` gives it."""
    names = dict(conn.execute("SELECT id, name FROM entities").fetchall())
    out = []
    for e in conn.execute("SELECT * FROM entities ORDER BY position").fetchall():
        eid = e["id"]
        cites = conn.execute(
            "SELECT source_id, paragraphs, citation FROM entity_citations "
            "WHERE entity_id = ? ORDER BY position",
            (eid,),
        ).fetchall()
        roles = conn.execute(
            "SELECT title, of_id FROM roles WHERE entity_id = ? ORDER BY position", (eid,)
        ).fetchall()
        date = conn.execute("SELECT * FROM dates WHERE entity_id = ?", (eid,)).fetchone()
        mentions = conn.execute(
            "SELECT DISTINCT fact_id, f.position FROM entity_facts JOIN facts f ON f.id = fact_id "
            "WHERE entity_id = ? ORDER BY f.position",
            (eid,),
        )
        fact_ids = [r[0] for r in mentions]
        out.append(
            {
                "id": eid,
                "kind": e["kind"],
                "name": e["name"],
                "aliases": _column(conn, "SELECT alias FROM aliases WHERE entity_id = ?", eid),
                "description": e["description"],
                "part_of": e["part_of_id"],
                "roles": [_role(r["title"], r["of_id"], names.get(r["of_id"])) for r in roles],
                "place": e["place_id"],
                "hosts": _column(conn, "SELECT host_id FROM event_hosts WHERE entity_id = ?", eid),
                "theme": e["theme"],
                "date": _date(date),
                "source": cites[0]["source_id"] if cites else None,
                "paragraphs": json.loads(cites[0]["paragraphs"]) if cites else [],
                "citations": [
                    {
                        "source": c["source_id"],
                        "paragraphs": json.loads(c["paragraphs"]),
                        "citation": c["citation"],
                    }
                    for c in cites
                ],
                "description_basis": e["description_basis"],
                "fact_ids": fact_ids,
                "fact_count": len(fact_ids),  # derived: the JSON counts what it lists
            }
        )
    return out


def _role(title: str, of: str | None, of_name: str | None) -> dict[str, Any]:
    """A role as the JSON gives it, its "text" as people read it (made from the row)."""
    text = f"{title}, {of_name}" if of_name else title
    return {"title": title, "of": of, "of_name": of_name, "text": text}
