"""Make a synthetic guide of N articles for the build benchmark.

The synthetic articles are added to a copy of the real guide (its pages, checklists and
references.bib), so the real checklists' links resolve. Each article has front matter, about 700 words in headings, paragraphs, lists and a table,
3 to 8 citations of real keys from references.bib, two links to other articles, and every
tenth article includes one of the real checklists. Two configs are written beside it:

* ``mkdocs.yml``: the real configuration, with all our hooks and plugins;
* ``mkdocs-plain.yml``: the same Markdown and theme with our hooks, mkdocs-bibtex and the
  checklists off, as the baseline.

Usage: python -m benchmarks.generate N OUT_DIR
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import yaml

from guide import bibliography

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ["understand", "decide", "choose", "prepare", "about"]
WORDS = ("group online therapy video phone chat leader member session privacy room plan help "
         "care study review trial people week time share talk listen safe crisis line cost "
         "place home screen sound link health support skill feeling").split()
SENTENCES = [
    "A group meets online at the same time each week.",
    "The leader is a trained professional who keeps the group safe.",
    "Members share what they feel and learn from each other.",
    "You can join from home if you have a quiet, private room.",
    "Some people find it easier to talk when they are in their own space.",
    "Others miss the feeling of being in the same room.",
    "Ask who can see your messages and how long they are kept.",
    "If the video drops, the leader should have a plan to reach you.",
    "Studies of video groups found results close to groups that meet in person.",
    "There is still little research on online groups in particular.",
]


def checklist_ids() -> list[str]:
    folder = ROOT / "docs" / "checklists"
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def article(rng: random.Random, index: int, count: int, keys: list[str], checklists: list[str]) -> str:
    """One synthetic article of about 700 words."""
    title = f"Synthetic article {index}"
    cited = [keys[(index * 3 + j) % len(keys)] for j in range(3)]
    cited += rng.sample(keys, rng.randint(0, 5))
    parts = [
        "---", f"title: {title}", f"description: A synthetic article number {index} for the build benchmark.",
        "reviewed: 2026-11-01", "next_review: 2027-11-01", "---", "", f"# {title}", "",
    ]
    for section in range(6):
        parts += [f"## Part {section + 1} of the topic", ""]
        for _ in range(3):
            text = " ".join(rng.choice(SENTENCES) for _ in range(3))
            if cited:
                text += f" [@{cited.pop()}]"
            parts += [text, ""]
        parts += [f"- {rng.choice(SENTENCES)}" for _ in range(3)] + [""]
    parts += ["| Format | Privacy | Connection |", "| --- | --- | --- |",
              "| Video | Medium | Strong |", "| Phone | Medium | Medium |", ""]
    for other in (index + 1, index + 7):
        target = other % count
        parts += [f"Read [article {target}](../{SECTIONS[target % len(SECTIONS)]}/a{target}.md#part-2-of-the-topic).",
                  ""]
    if checklists and index % 10 == 0:
        parts += ["## Your checklist", "", f"<!-- guide:checklist {checklists[index // 10 % len(checklists)]} -->", ""]
    return "\n".join(parts)


def generate(count: int, out: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(ROOT / "docs", docs)
    bib = bibliography.load(str(ROOT / "references.bib"))
    keys = [k for k, e in bib.entries.items() if not e.background]
    checklists = checklist_ids()
    nav = []
    for index in range(count):
        section = "synthetic/" + SECTIONS[index % len(SECTIONS)]
        path = docs / section / f"a{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(rng, index, count, keys, checklists), encoding="utf-8")
        nav.append({f"Article {index}": f"{section}/a{index}.md"})
    shutil.copy(ROOT / "references.bib", out / "references.bib")
    shutil.copy(ROOT / "evidence.yml", out / "evidence.yml")  # the build checks sources against it

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    # Articles come in topics of 20, as a large guide would group them.
    topics = [{f"Topic {i // 20 + 1}": nav[i:i + 20]} for i in range(0, len(nav), 20)]
    config["nav"] = [*config["nav"], {"Synthetic": topics}]
    config["site_url"] = "https://example.org/bench/"
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    plain = dict(config)
    plain["hooks"] = []
    plain["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "bibtex" in p)]
    (out / "mkdocs-plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
