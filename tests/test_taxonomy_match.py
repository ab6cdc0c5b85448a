"""The skill matcher through its public entry points: match(), and `credbridge skills match`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from credbridge.model import SkillMatch
from credbridge.taxonomy import match
from credbridge.taxonomy.matcher import match_in_context, phrases_in_text


def _best(found: SkillMatch) -> dict[str, str]:
    return {ref.scheme: ref.label for ref in found.best}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from credbridge.cli import main; main()", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_cli_prints_matches_for_aliases_and_soft_skills() -> None:
    result = _cli("skills", "match", "AWS", "k8s", "team leadership")
    assert result.returncode == 0, result.stderr
    printed = [SkillMatch.model_validate(item) for item in json.loads(result.stdout)]
    assert [m.phrase for m in printed] == ["AWS", "k8s", "team leadership"]
    assert _best(printed[0]) == {"onet": "Amazon Web Services AWS software"}
    assert _best(printed[1]) == {"onet": "Kubernetes"}
    assert _best(printed[2]) == {"esco": "lead a team"}
    esco = printed[2].best[0]
    assert esco.id.startswith("http://data.europa.eu/esco/skill/") and esco.method == "alias"
    assert printed[1].best[0].category == "Application server software"


def test_cli_help_does_not_load_the_index() -> None:
    probe = (
        "import sys\n"
        "from credbridge.cli import app\n"
        "from typer.testing import CliRunner\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "assert CliRunner().invoke(app, ['skills', '--help']).exit_code == 0\n"
        "import credbridge.taxonomy\n"
        "print(sorted(m for m in sys.modules if m.startswith('credbridge.taxonomy.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "credbridge.taxonomy.index" not in result.stdout
    assert "credbridge.taxonomy.matcher" not in result.stdout


def test_exact_labels_keep_their_taxonomy_identity() -> None:
    python, excel = match(["Python", "MS Excel"])
    assert _best(python) == {"esco": "Python (computer programming)", "onet": "Python"}
    assert {ref.method for ref in python.best} == {"alias", "exact"}
    assert all(ref.score == 100.0 for ref in python.best)
    assert _best(excel) == {"esco": "use spreadsheets software", "onet": "Microsoft Excel"}


@pytest.mark.parametrize("word", ["Java", "Go", "R", "C", "Swift", "Spark"])
def test_ambiguous_words_alone_stay_unmapped_but_keep_candidates(word: str) -> None:
    (found,) = match([word])
    assert found.best == []
    assert found.alternatives, "the candidates are still offered"


def test_ambiguous_words_map_next_to_technical_neighbours() -> None:
    java, go, spark, _ = match(["Java", "Go", "Spark", "PostgreSQL"])
    assert _best(java) == {"esco": "Java (computer programming)", "onet": "Oracle Java"}
    assert _best(go) == {"onet": "Go"}
    assert _best(spark) == {"onet": "Apache Spark"}, "never ESCO's SPARK, an Ada dialect"
    (r,) = match_in_context(["R"], technical=True)
    assert _best(r) == {"esco": "R", "onet": "R"}


def test_soft_neighbours_do_not_make_a_technical_context() -> None:
    java, _ = match(["Java", "customer service"])
    assert java.best == []


def test_fuzzy_matches_re_spellings_only() -> None:
    typo, inflected, other_word, added_word = match(
        ["Kubernets", "project managment", "medication administration", "Supply Chain Management"]
    )
    assert _best(typo) == {"onet": "Kubernetes"}
    assert typo.best[0].method == "fuzzy" and typo.best[0].score < 100
    assert _best(inflected) == {"esco": "project management"}
    assert "esco" not in _best(other_word), "medication is not education"
    assert "onet" not in _best(added_word), "the discipline is not IBS's product of that name"


def test_decorations_and_brackets_are_looked_through() -> None:
    advanced, bracketed = match(["Advanced Python skills", "JavaScript (ES6)"])
    assert _best(advanced)["onet"] == "Python"
    assert advanced.best[0].score < 100
    assert _best(bracketed) == {"esco": "JavaScript", "onet": "JavaScript"}


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "   ",
        "x" * 10_000,
        "Python " * 1500,
        "日本語のスキル",
        "Программирование",
        "😀🚀",
        "\x00\x01",
        "!!!",
    ],
)
def test_bad_input_gives_a_clean_empty_result(phrase: str) -> None:
    (found,) = match([phrase])
    assert found.phrase == phrase
    assert found.best == [] and found.alternatives == []


def test_empty_list_and_order_and_determinism() -> None:
    assert match([]) == []
    phrases = ["SQL", "", "Docker", "leadership", "welding", "kubernets"]
    first = match(phrases)
    assert [m.phrase for m in first] == phrases
    assert match(list(phrases)) == first


def test_phrases_in_text_finds_safe_names_only() -> None:
    text = (
        "Holders deploy applications with Docker and Kubernetes, perform data analysis and "
        "project management, and design great work. PMP holders go far."
    )
    assert phrases_in_text(text) == ["Docker", "Kubernetes", "perform data analysis", "project management"]
    assert phrases_in_text("x" * 100_000) == []
    assert phrases_in_text("") == []
