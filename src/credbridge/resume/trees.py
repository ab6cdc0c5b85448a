"""Gradient-boosted trees trained by LightGBM, read from LightGBM's own model file.

Training uses LightGBM (`make train`, corpus/train.py); the parser only needs to walk the trees,
and importing LightGBM costs over a second (it pulls in SciPy), which every `credbridge parse`
would pay. So this module reads LightGBM's text model format and evaluates it: numerical
splits (`value <= threshold` goes left) with LightGBM's missing-value rules, softmax over
classes. tests/test_resume_entry_model.py checks it against LightGBM's own predictions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any, cast

_CATEGORICAL = 1
_DEFAULT_LEFT = 2
_MISSING_SHIFT = 2  # bits 2-3 of decision_type: 0 none, 1 zero, 2 NaN
_MISSING_ZERO, _MISSING_NAN = 1, 2
_ZERO = 1e-35  # LightGBM's kZeroThreshold
_WALKED_ROWS = 300
"""Rows a model walks tree by tree before it compiles itself (see Trees.probabilities)."""


class ModelFormatError(ValueError):
    """The model file is not a LightGBM text model this reader supports."""


@dataclass(frozen=True)
class _Tree:
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    decision: tuple[int, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    leaf: tuple[float, ...]

    def plain_value(self, row: list[float]) -> float:
        """`value` for a row without missing values in a tree that treats no zero as missing:
        every split is then one comparison."""
        if not self.feature:
            return self.leaf[0]
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        node = 0
        while node >= 0:
            node = left[node] if row[feature[node]] <= threshold[node] else right[node]
        return self.leaf[~node]

    def plain_source(self, target: str, indent: str) -> list[str]:
        """Python statements that add this tree's `value` to `target`, for a row (named r)
        without missing values in a tree that treats no zero as missing: every split is then
        one comparison, which Python runs fastest written out as nested ifs."""
        if not self.feature:
            return [f"{indent}{target} += {self.leaf[0]!r}"]
        return self._node_source(0, target, indent)

    def _node_source(self, node: int, target: str, indent: str) -> list[str]:
        if node < 0:
            return [f"{indent}{target} += {self.leaf[~node]!r}"]
        return [
            f"{indent}if r[{self.feature[node]}] <= {self.threshold[node]!r}:",
            *self._node_source(self.left[node], target, indent + " "),
            f"{indent}else:",
            *self._node_source(self.right[node], target, indent + " "),
        ]

    def value(self, row: list[float]) -> float:
        if not self.feature:  # a tree of one leaf
            return self.leaf[0]
        node = 0
        while node >= 0:
            x = row[self.feature[node]]
            decision = self.decision[node]
            missing = (decision >> _MISSING_SHIFT) & 3
            if math.isnan(x) and missing != _MISSING_NAN:
                x = 0.0
            if (missing == _MISSING_ZERO and abs(x) <= _ZERO) or (missing == _MISSING_NAN and math.isnan(x)):
                go_left = bool(decision & _DEFAULT_LEFT)
            else:
                go_left = x <= self.threshold[node]
            node = self.left[node] if go_left else self.right[node]
        return self.leaf[~node]


@dataclass(frozen=True)
class Trees:
    """A multi-class tree ensemble: `probabilities(row)` per class, in the classes' order."""

    features: tuple[str, ...]
    classes: int
    trees: tuple[_Tree, ...]
    rows: list[int] = field(default_factory=lambda: [0], compare=False, repr=False)
    """Rows scored so far (one mutable cell: the ensemble itself is frozen)."""

    @cached_property
    def _zero_free(self) -> bool:
        """No split treats zero as a missing value (LightGBM's zero_as_missing)."""
        return not any((d >> _MISSING_SHIFT) & 3 == _MISSING_ZERO for t in self.trees for d in t.decision)

    @cached_property
    def _plain_scores(self) -> Callable[[list[float]], list[float]] | None:
        """The ensemble's class scores for a row without missing values in trees that treat no
        zero as missing, compiled once into one Python function of nested comparisons (a batch
        spends its model time here); None when the trees nest deeper than Python's parser
        allows. The source is made from the parsed numbers alone (ints and float reprs), never
        from the model's text."""
        lines = ["def scores(r):", *(f" s{c} = 0.0" for c in range(self.classes))]
        namespace: dict[str, Any] = {"inf": math.inf}
        try:
            for i, tree in enumerate(self.trees):
                lines += tree.plain_source(f"s{i % self.classes}", " ")
            lines.append(f" return [{', '.join(f's{c}' for c in range(self.classes))}]")
            exec(compile("\n".join(lines), "<line model>", "exec"), namespace)
        except (SyntaxError, RecursionError, MemoryError):  # too deep to write out or to parse
            return None
        return cast(Callable[[list[float]], list[float]], namespace["scores"])

    def probabilities(self, row: list[float]) -> list[float]:
        self.rows[0] += 1
        if self._zero_free and not any(math.isnan(x) for x in row):
            # Compiling costs what walking a few hundred rows does: a one-file parse walks.
            compiled = self._plain_scores if self.rows[0] > _WALKED_ROWS else None
            if compiled is not None:
                scores = compiled(row)
            else:
                scores = [0.0] * self.classes
                for i, tree in enumerate(self.trees):
                    scores[i % self.classes] += tree.plain_value(row)
        else:
            scores = [0.0] * self.classes
            for i, tree in enumerate(self.trees):
                scores[i % self.classes] += tree.value(row)
        if self.classes == 1:
            return [1.0 / (1.0 + math.exp(-scores[0]))]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def _numbers(value: str, kind: type) -> tuple:  # type: ignore[type-arg]
    return tuple(kind(v) for v in value.split()) if value else ()


def parse_model(text: str) -> Trees:
    """Read a model written by LightGBM's `Booster.save_model` (text format)."""
    header: dict[str, str] = {}
    blocks: list[dict[str, str]] = []
    current = header
    for line in text.splitlines():
        if line.startswith("Tree="):
            current = {}
            blocks.append(current)
        elif line.startswith("end of trees"):
            break
        elif "=" in line:
            key, _, value = line.partition("=")
            current[key] = value
    try:
        classes = int(header.get("num_tree_per_iteration", header.get("num_class", "1")))
        names = tuple(header["feature_names"].split())
        trees = []
        for block in blocks:
            decision = _numbers(block.get("decision_type", ""), int)
            if any(d & _CATEGORICAL for d in decision):
                raise ModelFormatError("categorical splits are not supported")
            trees.append(
                _Tree(
                    feature=_numbers(block.get("split_feature", ""), int),
                    threshold=_numbers(block.get("threshold", ""), float),
                    decision=decision,
                    left=_numbers(block.get("left_child", ""), int),
                    right=_numbers(block.get("right_child", ""), int),
                    leaf=_numbers(block["leaf_value"], float),
                )
            )
    except (KeyError, ValueError) as exc:
        raise ModelFormatError(f"not a LightGBM text model: {exc}") from None
    return Trees(features=names, classes=classes, trees=tuple(trees))


_INSTEAD: dict[str, Trees | None] = {}


@contextmanager
def instead(name: str, model: Trees | None) -> Iterator[None]:
    """Use `model` (None: no model, the rules alone) in place of the shipped one while inside:
    how corpus.evaluate scores each renderer with a model that was not trained on it."""
    _INSTEAD[name] = model
    try:
        yield
    finally:
        del _INSTEAD[name]


def packaged(name: str) -> Trees | None:
    """A model shipped in credbridge/resume/models (loaded once), None when it is not there."""
    if name in _INSTEAD:
        return _INSTEAD[name]
    return _shipped(name)


@cache
def _shipped(name: str) -> Trees | None:
    path = resources.files("credbridge.resume").joinpath("models", name)
    if not path.is_file():
        return None
    return parse_model(path.read_text(encoding="utf-8"))
