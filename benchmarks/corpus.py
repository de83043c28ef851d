"""Seed-like corpora for growth benchmarks and large-app tests: renamed copies of the seeds,
plus generated articles that mix the seeds' sentences and the curated names, so that the
network is not trivial. Deterministic for a given size and seed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from dashboard.schema import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR
from dashboard.tables import read_table
from dashboard.text import paragraph_spans


def _sentences() -> list[str]:
    """Every paragraph of the seed texts, as written."""
    out = []
    for path in sorted(DEFAULT_SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(text[a:b] for a, b in paragraph_spans(text))
    return out


def _names() -> list[str]:
    people = read_table(DEFAULT_DATA_DIR / "people.csv", "people").frame
    orgs = read_table(DEFAULT_DATA_DIR / "organizations.csv", "organizations").frame
    return list(people["name"]) + list(orgs["name"])


def make_corpus(folder: Path, size: int, seed: int = 0) -> Path:
    """Write `size` articles into `folder`: the five seeds, then renamed copies of them (a
    fifth of the rest) and generated articles (the others)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    seeds = sorted(DEFAULT_SEEDS_DIR.glob("*.txt"))
    for path in seeds:
        shutil.copyfile(path, folder / path.name)
    paragraphs, names = _sentences(), _names()
    for i in range(len(seeds), size):
        target = folder / f"bench_{i:06d}.txt"
        if i % 5 == 0:
            shutil.copyfile(seeds[i % len(seeds)], target)
            continue
        parts = []
        for _ in range(rng.randint(8, 20)):
            a, b = rng.sample(names, 2)
            parts.append(f"{rng.choice(paragraphs)} {a} met {b}.")
        title = f"Generated report {i}: {rng.choice(names)} and {rng.choice(names)}"
        target.write_text(title + "\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    return folder
