"""Exporting tables as CSV bytes, a data package descriptor and a ZIP: one code path for the
command line and the app's downloads, so the same filters give the same bytes."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import math
import re
import stat
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import schema
from dashboard.dataset import TABLE_NAMES, Dataset
from dashboard.evidence import edge_evidence
from dashboard.filters import KINDS, Filters, filter_dataset, valid_ids
from dashboard.network import (
    build_cooccurrence_graph,
    cooccurrence_edges,
    edge_units,
    ego_graph,
    entity_units,
    gexf_bytes,
    graphml_bytes,
    node_table,
    with_spells,
)

CSV_ENCODING = "utf-8"
# A byte-order mark makes spreadsheets read the file as UTF-8 (accents intact); CSV readers
# that know UTF-8 (pandas, Python's utf-8-sig, Frictionless) skip it.
BOM = "\ufeff"
# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
# A spreadsheet may also split a cell on a separator other than the comma (";" in many
# European locales, a tab, a line break), so the same holds after each of those inside a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = ",;\t\r\n"
# The one neutralisation rule, for every path: at the start of a text cell and after each
# separator, a formula start gets a single quote before it, unless what follows up to the next
# separator is a number ("-99.1332" stays a number).
_RISKY = re.compile(
    r"(^|[,;\t\r\n])"
    r"(?=[=+\-@\t\r])"
    r"(?![+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:[,;\t\r\n]|\Z))"
)

MENTIONS_RESOURCE = (
    "mentions",
    "Every mention of a curated person or organization in an article's text.",
    [
        ("article_id", "string", "articles.article_id."),
        ("entity_id", "string", "people.person_id or organizations.org_id."),
        ("entity_type", "string", "person or organization."),
        ("start", "integer", "Offset of the first character in the article text (0-based)."),
        ("end", "integer", "Offset after the last character: text == article_text[start:end]."),
        ("text", "string", "The surface form as written in the article."),
        (
            "paragraph",
            "integer",
            "Index of the paragraph (non-blank line) in the article, 0-based.",
        ),
        ("sentence", "integer", "Index of the sentence in the article, 0-based."),
    ],
)
NETWORK_RESOURCES = (
    (
        "cooccurrence",
        "Edges of the co-occurrence network: entities that share a unit of the window.",
        [
            ("source", "string", "Entity id (the smaller of the two)."),
            ("target", "string", "Entity id (the larger of the two)."),
            ("weight", "integer", "Number of shared units."),
            ("window", "string", "article, paragraph, sentence or event."),
            ("units", "string", "Ids of the shared units, separated by |."),
            (
                "first_date",
                "date",
                "First day of the earliest shared unit (ISO; empty when none is dated).",
            ),
            (
                "last_date",
                "date",
                "Last day of the latest shared unit (ISO; empty when none is dated).",
            ),
        ],
    ),
    (
        "nodes",
        "Nodes of the co-occurrence network with their centrality.",
        [
            ("entity_id", "string", "people.person_id or organizations.org_id."),
            ("name", "string", "Name."),
            ("type", "string", "person or organization."),
            ("country", "string", "countries.country_id."),
            ("role", "string", "Role as the texts give it."),
            ("mentions", "integer", "Mentions in the (filtered) articles."),
            ("articles", "integer", "Articles that mention the entity."),
            ("degree", "integer", "Number of neighbours."),
            ("weighted_degree", "integer", "Sum of the weights of its edges."),
            ("betweenness", "number", "Betweenness centrality (normalized; distance 1/weight)."),
            ("community", "integer", "Louvain community (seed 0), 0 = largest."),
        ],
    ),
    (
        "edge_evidence",
        "Why two entities are linked: one row per unit an edge of the network rests on.",
        [
            ("source", "string", "Entity id (the smaller of the two), as in cooccurrence."),
            ("target", "string", "Entity id (the larger of the two), as in cooccurrence."),
            ("window", "string", "article, paragraph, sentence or event."),
            ("unit", "string", "Id of the shared unit, one of the edge's units."),
            ("article_id", "string", "articles.article_id (empty for the event window)."),
            (
                "paragraph",
                "integer",
                "Paragraph index in the article, 0-based (paragraph and sentence windows).",
            ),
            ("sentence", "integer", "Sentence index in the article, 0-based (sentence window)."),
            ("event_id", "string", "events.event_id (event window)."),
            (
                "text",
                "string",
                "The paragraph or sentence; the article's or event's title for "
                "the article and event windows.",
            ),
        ],
    ),
)
CURATED_FIELD = {
    "name": "curated",
    "type": "boolean",
    "description": "false for an article a user added to seeds/ without a row in articles.csv.",
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV for people and programs alike: UTF-8 with a byte-order mark, header,
    commas, LF; every text cell quoted and integers bare; booleans as true/false;
    formula-like text neutralised (see `neutralise`)."""
    buffer = io.BytesIO()
    if frame.shape[1] == 0:
        text = io.StringIO(newline="")
        text.write(BOM)
        csv.writer(text, lineterminator="\n").writerows([[]] * (len(frame) + 1))
        return text.getvalue().encode(CSV_ENCODING)
    # Each column is turned into text at once, then pandas writes the rows in C, in chunks,
    # encoding as it goes (a 150 MB table never exists as one Python string): a third of the
    # time of writing cell by cell, with the same bytes (tests/test_cli.py). Every text cell
    # is quoted, so a spreadsheet that splits on ";" or a tab still keeps it whole; integer
    # columns stay numbers (QUOTE_NONNUMERIC leaves int64 unquoted).
    texts = pd.DataFrame({i: _texts(frame.iloc[:, i]) for i in range(frame.shape[1])})
    texts.columns = [str(c) for c in frame.columns]
    buffer.write(BOM.encode(CSV_ENCODING))
    texts.to_csv(
        buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC,
        encoding=CSV_ENCODING,
    )  # fmt: skip
    return buffer.getvalue()


# A cell can need neutralising only if a formula start opens it or follows a separator: Arrow
# finds those few (its regex engine has no lookahead, so the full rule runs on them alone).
_MAYBE_RISKY = r"(^|[,;\t\r\n])[=+\-@\t\r]"


def _texts(column: pd.Series) -> pd.Series:
    """A column as written: integers as int64 (bare), everything else as the text `_cell`
    gives each value (with a fresh 0..n-1 index)."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) and not column.isna().any():
        return pd.Series(column.to_numpy()).map({True: "true", False: "false"}).astype(object)
    if pd.api.types.is_integer_dtype(dtype) and not column.isna().any():
        return pd.Series(column.to_numpy(dtype="int64"))  # never neutralised, never quoted
    if isinstance(column.dtype, pd.StringDtype) and not column.isna().any():
        text = pa.array(column.array)
        risky = pc.match_substring_regex(text, _MAYBE_RISKY).to_numpy(zero_copy_only=False)
        if not risky.any():  # Arrow text stays Arrow text: no Python string per cell
            return pd.Series(pd.array(text, dtype=column.dtype))
        values = column.to_numpy(dtype=object)
        values[risky] = [neutralise(v) for v in values[risky]]
        return pd.Series(values, dtype=object)
    values = column.to_numpy(dtype=object)
    if not all(type(v) is str for v in values):
        return pd.Series([_cell(v) for v in values], dtype=object)
    return pd.Series(values, dtype=object).str.replace(_RISKY, r"\1'", regex=True)


def _cell(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """A cell that a spreadsheet would run as a formula, made inert (OWASP CSV injection):
    a single quote before a formula start at the beginning and after each separator."""
    return _RISKY.sub(r"\1'", text)


def _resource(name: str, description: str, fields: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": CSV_ENCODING,
        "description": description,
        "schema": {
            "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
            "missingValues": [""],
        },
    }


def export_descriptor(note: str = "") -> dict[str, Any]:
    """The exported package's descriptor: the curated tables' schema (with `curated` on articles,
    whose `kind` an added article may lack), mentions and the network tables. `note` describes
    the filters; a filtered export keeps its foreign keys (a cut keeps every row it refers to)."""
    descriptor = copy.deepcopy(schema.descriptor())
    for res in descriptor["resources"]:
        fields = res["schema"]["fields"]
        if res["name"] == "articles":
            next(f for f in fields if f["name"] == "kind")["constraints"].pop("required", None)
            fields.append(CURATED_FIELD)
    for name, description, columns in (MENTIONS_RESOURCE, *NETWORK_RESOURCES):
        descriptor["resources"].append(_resource(name, description, columns))
    descriptor["description"] += (
        " Exported CSVs start with a UTF-8 byte-order mark, and text cells that begin with"
        " =, +, -, @, a tab or a carriage return are prefixed with ' (OWASP CSV injection)."
    )
    if note:
        descriptor["description"] += f" This export is filtered: {note}."
    return descriptor


# Columns the dashboard derives only to show a table (an article's first words, which label it
# when it has no title): not exported, so an export holds the curated tables as they are.
SHOWN_ONLY: dict[str, tuple[str, ...]] = {"articles": ("lead",)}


def exported_table(dataset: Dataset, name: str) -> pd.DataFrame:
    """A table of the dataset as it is exported: without its SHOWN_ONLY columns."""
    frame = dataset.table(name)
    return frame.drop(columns=[c for c in SHOWN_ONLY.get(name, ()) if c in frame.columns])


def table_files(dataset: Dataset) -> dict[str, bytes]:
    """File name -> CSV bytes for every table of a dataset, in export order."""
    return {f"{name}.csv": csv_bytes(exported_table(dataset, name)) for name in TABLE_NAMES}


def export_files(
    dataset: Dataset,
    filters: Filters | None = None,
    window: str = "article",
    include_organizations: bool = False,
    exported: date | None = None,
) -> dict[str, bytes]:
    """Every exported file by name: the filtered tables, mentions, the network (cooccurrence.csv,
    nodes.csv, edge_evidence.csv, network.graphml, network.gexf), datapackage.json and
    README.md (dated `exported`, default today). The CLI writes these bytes and the app offers
    the same bytes for download."""
    filters = filters or Filters()
    subset = filter_dataset(dataset, filters)
    files = table_files(subset)
    files |= network_files(subset, window, include_organizations)
    note = filters.describe()
    network = f"network window={window}" + (", with organizations" if include_organizations else "")
    descriptor = export_descriptor(note)
    descriptor["x_network"] = network
    files["datapackage.json"] = descriptor_bytes(descriptor)
    files["README.md"] = b""  # listed in itself; written last, once every file is known
    files["README.md"] = readme_bytes(
        dataset, filters, network, descriptor, list(files), exported or date.today()
    )
    return files


OTHER_FILES = {
    "network.graphml": "The co-occurrence network as GraphML (nodes with their attributes).",
    "network.gexf": "The co-occurrence network as GEXF for Gephi, with when each node and edge "
    "is present (spells).",
    "datapackage.json": "The Frictionless data package descriptor: every file's columns, types "
    "and constraints.",
    "README.md": "This file.",
}


def readme_bytes(
    dataset: Dataset,
    filters: Filters,
    network: str,
    descriptor: Mapping[str, Any],
    names: list[str],
    exported: date,
) -> bytes:
    """The export's README.md: what the dataset is, the filters with ids and names, the network
    window, the export date, one line per file, how to cite and the licence."""
    known = valid_ids(dataset)
    lines = [f"# {descriptor['title']}", "", descriptor["description"], ""]
    lines += ["## This export", ""]
    if filters.active:
        lines.append("Filtered (every filter must match; within one, any id):")
        for kind, ids in filters.chosen:
            named = ", ".join(f"`{i}` ({known[kind].get(i, i)})" for i in ids)
            lines.append(f"- {KINDS[kind].label} (`{kind}`): {named}")
        for key, day in (("from", filters.date_from), ("to", filters.date_to)):
            if day:
                lines.append(f"- {'From' if key == 'from' else 'To'} (`{key}`): {day.isoformat()}")
    else:
        lines.append("Not filtered: the whole dataset.")
    lines += [
        "",
        f"Network: {network.removeprefix('network ')}.",
        f"Exported on {exported.isoformat()}, dataset version {descriptor.get('version', '')}.",
        "",
        "## Files",
        "",
    ]
    described = {r["path"]: r.get("description", "") for r in descriptor["resources"]}
    for name in names:
        text = described.get(name) or OTHER_FILES.get(name, "")
        lines.append(f"- `{name}`: {' '.join(text.split())}")
    licences = "; ".join(
        f"{lic.get('title') or lic.get('name')} ({lic.get('path', '')})"
        for lic in descriptor.get("licenses", [])
    )
    lines += [
        "",
        "## How to cite",
        "",
        f"{descriptor['title']}, dataset version {descriptor.get('version', '')}, exported "
        f"{exported.isoformat()}"
        + (f" with the filters {filters.describe()}" if filters.active else "")
        + ". Cite also the source article of any fact you use: every row names its "
        "`article_id` and, for evidence, the verbatim `quote`.",
        "",
        "## Licence",
        "",
        f"{licences}. {descriptor.get('x_notes', '')}".strip(),
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def network_files(
    subset: Dataset, window: str = "article", include_organizations: bool = False
) -> dict[str, bytes]:
    """The network of a (filtered) dataset as files: cooccurrence.csv, nodes.csv,
    edge_evidence.csv, network.graphml and network.gexf (dynamic: spells on nodes and edges).
    The CLI's export and the Network view's downloads both come from here."""
    units = edge_units(subset, window, include_organizations)  # the GEXF's spells
    edges = cooccurrence_edges(subset, window, include_organizations)  # codes, not text groups
    graph = build_cooccurrence_graph(subset, window, include_organizations, edges)
    entities = entity_units(subset, window, include_organizations)
    evidence = edge_evidence(subset, window, include_organizations, edges)
    return {
        "cooccurrence.csv": csv_bytes(edges),
        "nodes.csv": csv_bytes(node_table(graph)),
        "edge_evidence.csv": csv_bytes(evidence),
        "network.graphml": graphml_bytes(graph),
        "network.gexf": gexf_bytes(with_spells(graph, entities, units)),
    }


NETWORK_DOWNLOADS = (
    "network.graphml", "network.gexf", "cooccurrence.csv", "nodes.csv", "edge_evidence.csv",
)  # fmt: skip


def network_download(
    dataset: Dataset,
    filters: Filters,
    window: str,
    include_organizations: bool,
    file_name: str,
    ego: Iterable[str] = (),
) -> bytes:
    """One of the Network view's downloads, built when it is asked for from the whole dataset
    and the filters, so that a session's download button holds these, not the tables the view
    drew (a server keeps a closed session's buttons for minutes). GraphML and nodes.csv are of
    the ego network of `ego` when given, as the view draws it; the rest as network_files."""
    cut = filter_dataset(dataset, filters)
    if file_name == "network.gexf":
        return network_files(cut, window, include_organizations)[file_name]
    edges = cooccurrence_edges(cut, window, include_organizations)
    if file_name == "cooccurrence.csv":
        return csv_bytes(edges)
    if file_name == "edge_evidence.csv":
        return csv_bytes(edge_evidence(cut, window, include_organizations, edges))
    graph = build_cooccurrence_graph(cut, window, include_organizations, edges)
    chosen = tuple(ego)
    if chosen:
        graph = ego_graph(graph, chosen)
    if file_name == "network.graphml":
        return graphml_bytes(graph)
    if file_name == "nodes.csv":
        return csv_bytes(node_table(graph))
    raise ValueError(f"not a network download: {file_name!r}")


def descriptor_bytes(descriptor: Mapping[str, Any]) -> bytes:
    """A descriptor as the UTF-8 JSON bytes written to datapackage.json."""
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_files(files: Mapping[str, bytes], out: Path) -> list[Path]:
    """Write files into a folder (created if needed); returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written


ZIP_EPOCH = date(1980, 1, 1)  # the earliest date a ZIP member can carry
ZIP_STEM = "precursor-diplomacy"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9.+_-]+")
MAX_ZIP_NAME = 120


def data_date(dataset: Dataset) -> date:
    """The date the data speaks up to: the newest publication date of its articles. ZIP members
    carry it, so exports of the same data are byte for byte the same whenever they are made."""
    dates = [
        date.fromisoformat(value)
        for value in dataset.articles["published"]
        if isinstance(value, str) and len(value) == 10
    ]
    return max([ZIP_EPOCH, *dates])


def zip_name(query: Mapping[str, str]) -> str:
    """The ZIP's file name, after the filters: `precursor-diplomacy_person-a+b_from-2023-11-01
    .zip`; a name that would be too long ends in a digest of the filters instead."""
    parts = [ZIP_STEM, *(f"{key}-{value.replace(',', '+')}" for key, value in query.items())]
    stem = _UNSAFE_NAME.sub("-", "_".join(parts))
    if len(stem) > MAX_ZIP_NAME:
        digest = hashlib.sha256(stem.encode()).hexdigest()[:10]
        stem = f"{stem[: MAX_ZIP_NAME - 11]}_{digest}"
    return f"{stem}.zip"


def zip_bytes(files: Mapping[str, bytes], modified: date = ZIP_EPOCH) -> bytes:
    """The files in one ZIP archive: members dated `modified` (so equal inputs give equal
    bytes) and readable by everyone who extracts them (0644)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(*modified.timetuple()[:3], 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that unzip applies the permissions below
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def export_zip(dataset: Dataset, filters: Filters) -> bytes:
    """The Data view's ZIP: export_files of the filters, dated by the data's last change."""
    return zip_bytes(export_files(dataset, filters), data_date(dataset))


def table_csv(dataset: Dataset, filters: Filters, name: str) -> bytes:
    """One exported table of the filtered dataset as CSV (the Data view's per-table button)."""
    return csv_bytes(exported_table(filter_dataset(dataset, filters), name))
