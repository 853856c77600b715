"""``diptych translate --shard K/N``: what the CI matrix in docs-dev/performance.md relies on.

N machines each run one shard; their ``translations/`` folders are copied together. That is
only safe if every page belongs to exactly one shard, and only right if the merged catalogs
are the very bytes a single run would have written.
"""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.config import load_project
from diptych.pipeline import Shard
from tests.support.files import catalogs
from tests.support.project import MakeCorpusProject


def run(root: Path, *args: str) -> None:
    assert main(["-C", str(root), "translate", "--engine", "pseudo", "-q", *args]) == 0


def pages_of(root: Path) -> set[str]:
    project = load_project(root)
    return {p.relative_to(project.docs_dir).with_suffix(".po").as_posix() for p in project.pages()}


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_shards_are_disjoint_and_cover_every_page(
    make_corpus_project: MakeCorpusProject, tmp_path: Path, count: int
) -> None:
    """Each shard runs on a machine of its own (a fresh copy of the site), as in CI, so
    the catalogs it leaves are exactly the pages it took. Fails if ``Shard.owns`` gives a
    page to two shards (e.g. ``or relative.endswith("-00001.md")``) or to none."""
    root = make_corpus_project(24)
    pages = pages_of(root)
    owned: list[set[str]] = []
    for index in range(1, count + 1):
        machine = tmp_path / f"machine-{index}"
        shutil.copytree(root, machine)
        run(machine, "--shard", f"{index}/{count}", "--to", "en")
        owned.append({path.removeprefix("en/") for path in catalogs(machine)})
    for (a, first), (b, second) in combinations(enumerate(owned, 1), 2):
        assert not first & second, f"shards {a} and {b} both took {sorted(first & second)}"
    assert set().union(*owned) == pages
    if count > 1:
        assert all(owned), "24 pages should give every shard some"


def test_merged_shards_equal_one_run_byte_for_byte(
    make_corpus_project: MakeCorpusProject, tmp_path: Path
) -> None:
    single = make_corpus_project(20, "single")
    run(single)
    merged = tmp_path / "merged"
    for index in (1, 2, 3):
        machine = tmp_path / f"machine-{index}"
        shutil.copytree(single / "docs", machine / "docs")
        shutil.copy(single / "mkdocs.yml", machine)
        run(machine, "--shard", f"{index}/3")
        for rel, data in catalogs(machine).items():
            target = merged / "translations" / rel
            assert not target.exists(), f"{rel} written by two shards"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    expected = catalogs(single)
    assert len(expected) == 2 * 20  # en and de for every page
    assert catalogs(merged) == expected


def test_shard_of_a_page_does_not_depend_on_the_machine() -> None:
    # crc32 of the path relative to docs/: the same on every machine and Python run
    # (str hashes are salted per process, so hash() would not do).
    assert [k for k in (1, 2, 3, 4) if Shard(k, 4).owns("archive/000/page-00000.md")] == [2]
    assert [k for k in (1, 2, 3, 4) if Shard(k, 4).owns("statements/index.md")] == [4]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0"])
def test_bad_shards_are_a_usage_error(
    make_corpus_project: MakeCorpusProject, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus_project(2)
    with pytest.raises(SystemExit) as exit:
        main(["-C", str(root), "translate", "--engine", "pseudo", "--shard", text])
    assert exit.value.code == 2
    assert f"argument --shard: bad shard {text!r}" in capsys.readouterr().err
    assert not (root / "translations").exists()
