"""Test-data builders shared by the chart, spec and map tests: small curated tables with the
descriptor's columns, mentions, and a walk over nested specs."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard import schema

HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def table(name: str, *rows: dict[str, Any]) -> pd.DataFrame:
    """A curated table with the descriptor's columns; cells not given are ""."""
    columns = schema.columns(name)
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)


def article(article_id: str, title: str = "", published: str = "") -> dict[str, str]:
    """An articles row read from {article_id}.txt."""
    return {
        "article_id": article_id,
        "file": f"{article_id}.txt",
        "title": title,
        "published": published,
    }


def mentions_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Mentions from (article_id, entity_id, entity_type) triples."""
    return pd.DataFrame(
        [
            {
                "article_id": a,
                "entity_id": e,
                "entity_type": t,
                "start": i,
                "end": i + 1,
                "text": e,
                "paragraph": 0,
                "sentence": 0,
            }
            for i, (a, e, t) in enumerate(rows)
        ]
    )


def strings(value: Any) -> list[str]:
    """Every string anywhere in a nested dict or list (a figure or a spec)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []
