"""The learned line model: its tree reader against LightGBM, how it revises the rules, its training.

The model's accuracy is measured on the corpus (`make train` prints leave-one-renderer-out
figures); these tests pin the machinery: the parser's own reader of LightGBM's model file gives
LightGBM's probabilities, the shipped model reads the features the parser computes, the
revision follows its contract, and training is reproducible.
"""

from __future__ import annotations

import math
from pathlib import Path

import lightgbm
import numpy as np
import pytest

from corpus.evaluate import SAMPLE_DIR
from corpus.train import gold_classes
from corpus.train import main as train_main
from credbridge.model import Line
from credbridge.resume.grammar import ENTRY_CLASSES, ENTRY_FEATURES, cut_entries, revise, split_entries
from credbridge.resume.sections import Section
from credbridge.resume.trees import Trees, instead, packaged, parse_model


@pytest.mark.parametrize("classes", [3, 1])
def test_the_tree_reader_gives_lightgbms_own_probabilities(classes: int) -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(600, 6))
    x[rng.random(x.shape) < 0.1] = np.nan  # missing values take each split's default side
    y = (x[:, 0] > 0).astype(int) + (np.nan_to_num(x[:, 1]) > 0.5) if classes == 3 else (x[:, 2] > 0)
    params = {"objective": "multiclass", "num_class": 3} if classes == 3 else {"objective": "binary"}
    booster = lightgbm.train(
        {**params, "num_leaves": 7, "verbose": -1, "seed": 1, "deterministic": True},
        lightgbm.Dataset(x, label=y.astype(int)),
        num_boost_round=15,
    )
    ours = parse_model(booster.model_to_string())
    test = rng.normal(size=(200, 6))
    test[rng.random(test.shape) < 0.1] = np.nan
    theirs = booster.predict(test)
    for walked in (True, False):  # the first rows walk the trees, later ones run them compiled
        ours.rows[0] = 0 if walked else 10**9
        for row, expected in zip(test, theirs, strict=True):
            got = ours.probabilities([float(v) for v in row])
            assert got == pytest.approx(list(np.atleast_1d(expected)), abs=1e-9)


@pytest.mark.parametrize("depth", [150, 1500])  # past the parser's nesting; past the recursion limit
def test_trees_too_deep_to_compile_are_walked_with_the_same_result(depth: int) -> None:
    """The reader compiles the trees into nested comparisons; a tree nested deeper than Python's
    parser takes (a chain of splits, as a large num_leaves may grow) is walked node by node
    instead, to the same leaf."""
    chain = (
        f"Tree=0\nnum_leaves={depth + 1}\nsplit_feature={' '.join(['0'] * depth)}\n"
        f"threshold={' '.join(str(i) for i in range(depth))}\ndecision_type={' '.join(['2'] * depth)}\n"
        f"left_child={' '.join(str(~i) for i in range(depth))}\n"
        f"right_child={' '.join(str(i + 1) for i in range(depth - 1))} {~depth}\n"
        f"leaf_value={' '.join(str(i / 100) for i in range(depth + 1))}\n"
    )
    model = parse_model(f"tree\nversion=v4\nnum_class=1\nfeature_names=x\n{chain}end of trees\n")
    model.rows[0] = 10**9  # past the rows walked before compiling
    for x, leaf in ((-1.0, 0), (0.5, 1), (99.5, 100), (1e6, depth)):
        assert model.probabilities([x]) == pytest.approx([1 / (1 + math.exp(-leaf / 100))])


def test_the_shipped_model_reads_the_features_the_parser_computes() -> None:
    model = packaged("entries.txt")
    assert model is not None, "run `make train` to make src/credbridge/resume/models/entries.txt"
    assert model.features == ENTRY_FEATURES  # a feature added or reordered needs a retrained model
    assert model.classes == len(ENTRY_CLASSES)


def _model(start_on: str | None = None, constant: str | None = None, tie: bool = False) -> Trees:
    """A hand-written LightGBM text model: every line one class (`constant`), a three-way tie
    (`tie`), or "start" where the feature `start_on` is set and "other" elsewhere."""
    names = " ".join(ENTRY_FEATURES)
    header = f"tree\nversion=v4\nnum_class=3\nnum_tree_per_iteration=3\nfeature_names={names}\n"
    trees = []
    for k, name in enumerate(ENTRY_CLASSES):
        if start_on is not None and name in ("start", "other"):
            leaves = "0 5" if name == "start" else "5 0"  # left: feature unset (<= 0.5)
            trees.append(
                f"Tree={k}\nnum_leaves=2\nsplit_feature={ENTRY_FEATURES.index(start_on)}\nthreshold=0.5\n"
                f"decision_type=2\nleft_child=-1\nright_child=-2\nleaf_value={leaves}\n"
            )
        else:
            value = 0 if tie else (5 if name == constant else 0)
            trees.append(f"Tree={k}\nnum_leaves=1\nleaf_value={value}\n")
    return parse_model(header + "\n".join(trees) + "end of trees\n")


def _section(rows: list[tuple[str, bool]]) -> Section:
    """A typeset section: one line per row (text, bold), 12 points apart, in one column."""
    lines = [
        Line(text=text, index=i, x0=50, top=100 + 12 * i, x1=50 + 6 * len(text), bottom=109 + 12 * i,
             font_size=9, bold=bold)
        for i, (text, bold) in enumerate(rows)
    ]
    return Section(kind="credentials", title="Certifications", lines=lines)


STACKED = [
    ("2021", False),
    ("Certified Kiln Safety Operator", True),
    ("Ceramic Trades Institute", False),
    ("2019", False),
    ("Registered Glaze Technician", True),
    ("Ceramic Trades Institute", False),
]


def _texts(section: Section) -> list[list[str]]:
    return [[ln.text for ln in entry.lines] for entry in split_entries(section)]


def test_the_model_opens_entries_where_it_sees_names_and_joins_the_rest() -> None:
    section = _section(STACKED)
    with instead("entries.txt", _model(constant="start")):
        # every line opens an entry but a line of dates alone, which holds no name to begin:
        # where the rules opened an entry on it, it opens the entry of the name below
        assert _texts(section) == [
            ["2021", "Certified Kiln Safety Operator"],
            ["Ceramic Trades Institute"],
            ["2019", "Registered Glaze Technician"],
            ["Ceramic Trades Institute"],
        ]
    with instead("entries.txt", _model(constant="other")):
        assert len(split_entries(section)) == 1  # the rules no longer open entries of their own
    with instead("entries.txt", _model(constant="name_wrap")):
        (entry,) = split_entries(section)
        assert entry.wrapped == set(range(1, len(STACKED)))


def test_a_date_the_rules_set_above_a_name_opens_that_names_entry() -> None:
    section = _section(STACKED)
    cut = cut_entries(section)
    assert cut is not None and cut.decisions[3] == "start"  # the rules open the 2019 entry at its date
    with instead("entries.txt", _model(start_on="bold")):  # the model sees names where type is bold
        assert _texts(section) == [[t for t, _ in STACKED[:3]], [t for t, _ in STACKED[3:]]]


def test_without_a_majority_or_without_type_and_geometry_the_rules_decide() -> None:
    section = _section(STACKED)
    with instead("entries.txt", None):
        rules = _texts(section)
    with instead("entries.txt", _model(tie=True)):
        assert _texts(section) == rules
    lines = [Line(text=t, index=i) for i, (t, _) in enumerate(STACKED)]
    plain = Section(kind="credentials", title="Certifications", lines=lines)
    cut = cut_entries(plain)
    assert cut is not None
    with instead("entries.txt", _model(constant="start")):
        assert revise(cut) == cut.decisions


def test_gold_classes_find_names_wrapped_over_lines_longest_first() -> None:
    texts = ["• Critical Care Registered", "Nurse (CCRN)", "AACN", "Registered Nurse", "Best Paper Award"]
    names = ["Registered Nurse", "Critical Care Registered Nurse (CCRN)", "Best Paper Award"]
    start, wrap, other = (ENTRY_CLASSES.index(c) for c in ("start", "name_wrap", "other"))
    assert gold_classes(texts, names) == [start, wrap, other, start, start]


def test_training_on_the_sample_is_reproducible(tmp_path: Path) -> None:
    made = []
    for run in ("a", "b"):
        out = tmp_path / run
        args = [str(SAMPLE_DIR), "--out", str(out), "--folds-out", str(out / "folds"), "--folds", "3"]
        assert train_main([*args, "--workers", "1"]) == 0
        made.append((out / "entries.txt").read_text(encoding="utf-8"))
    assert made[0] == made[1]
    assert parse_model(made[0]).features == ENTRY_FEATURES
