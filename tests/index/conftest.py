"""The generated corpus the array evaluator is checked on against Whoosh.

Words have many frequencies, documents many lengths, postings span several blocks, rare words
are inlined in the term info, and the index has two segments and deleted documents (an update
replaces a few files without optimising).
"""

from __future__ import annotations

import random

import pytest

import index

VOCAB = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"]


def _article(rng: random.Random, n: int) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 9)):
        words = [VOCAB[min(int(rng.expovariate(0.35)), len(VOCAB) - 1)]
                 for _ in range(rng.randint(4, 60))]
        if rng.random() < 0.1:
            words.append(f"unique{n}x{len(paragraphs)}")
        paragraphs.append(" ".join(words).capitalize() + ".")
    outlet = ["The Hill", "Breitbart", "NYT"][n % 3]
    kind = ["Budget", "Border", "Senate"][n % 3]
    return (f"---\ntitle: {kind} report {n}\noutlet: {outlet}\ndate: 2016-0{1 + n % 9}-1{n % 10}\n"
            f"---\n\n" + "\n\n".join(paragraphs) + "\n")


@pytest.fixture(scope="module")
def generated_index(tmp_path_factory: pytest.TempPathFactory):
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("generated") / "corpus"
    folder.mkdir()
    for n in range(120):
        (folder / f"article-{n:03}.md").write_text(_article(rng, n), encoding="utf-8")
    directory = folder.parent / "index"
    index.build_index(directory, [folder]).close()
    for n in range(0, 120, 15):  # a small update: deletions and a second segment
        (folder / f"article-{n:03}.md").write_text(_article(rng, 1000 + n), encoding="utf-8")
    with index.BriefingIndex.open(directory) as ix:
        ix.update([folder])
        yield ix
