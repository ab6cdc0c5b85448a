"""The accuracy scorer on synthetic predictions: the numbers must move the right way."""

from __future__ import annotations

import pytest

from credbridge.model import Credential, Issuer
from credbridge.scoring import (
    FIELDS,
    FLOORS,
    Counts,
    below_floor,
    credential_fields,
    exact_form,
    format_groups,
    format_table,
    group_rows,
    leave_one_group_out,
    normalise,
    pair,
    score_file,
    score_person,
    total,
)


def cred(name, issuer=None, issued=None, expires=None, url=None, credential_id=None):
    return {
        "name": name, "issuer": issuer, "issued": issued, "expires": expires, "url": url,
        "credential_id": credential_id,
    }


EXPECTED = [
    cred("AWS Certified Solutions Architect – Associate", "Amazon Web Services", "2023-05", "2026-05",
         "https://www.credly.com/badges/abc", "VAL123"),
    cred("Project Management Professional (PMP)", "Project Management Institute", "2019",
         credential_id="2241987"),
    cred("Watergate Master Plumber", None, None, None, None, "2445"),
]


def totals_for(expected, predicted):
    return total([score_file("x", expected, predicted)])


def test_normalise_ignores_case_punctuation_and_dashes():
    got = normalise("AWS Certified – Solutions Architect (SAA-C03)")
    assert got == "aws certified solutions architect saa c03"
    assert normalise(None) == ""


def test_perfect_prediction_scores_one_everywhere():
    totals = totals_for(EXPECTED, [dict(c) for c in EXPECTED])
    for field, counts in totals.items():
        assert counts.fp == counts.fn == 0, field
        assert counts.f1 == 1.0, field
    assert totals["name"].tp == 3
    assert totals["dates"].tp == 3  # issued+expires of AWS, issued of PMP
    assert below_floor(totals) == []


def test_exact_form_folds_only_compatibility_forms_case_and_whitespace():
    assert exact_form("  Certiﬁed   Kubernetes\u00a0ADMINISTRATOR ") == "certified kubernetes administrator"
    assert exact_form("A – B") != exact_form("A - B")  # dashes are punctuation, kept


def test_name_exact_counts_punctuation_and_fuzzy_forgives_it():
    predicted = [dict(c) for c in EXPECTED]
    predicted[0]["name"] = "aws certified solutions architect - associate"  # hyphen for an en dash
    predicted[1]["name"] = "Project Management Professional PMP"
    predicted[2]["name"] = "WATERGATE  master plumber"  # case and spacing only: still exact
    totals = totals_for(EXPECTED, predicted)
    assert totals["name~"].f1 == 1.0
    assert (totals["name"].tp, totals["name"].fp, totals["name"].fn) == (1, 2, 2)


def test_missing_credential_lowers_recall_only():
    totals = totals_for(EXPECTED, [dict(c) for c in EXPECTED[:2]])
    assert totals["name"].precision == 1.0
    assert totals["name"].recall == pytest.approx(2 / 3)
    assert totals["credential_id"].fn == 1


def test_extra_credential_lowers_precision_only():
    predicted = [*map(dict, EXPECTED), cred("Microsoft Office Specialist", "Microsoft", "2020",
                                            url="https://example.org/x")]
    totals = totals_for(EXPECTED, predicted)
    assert totals["name"].recall == 1.0
    assert totals["name"].precision == pytest.approx(3 / 4)
    assert totals["dates"].fp == 1 and totals["link"].fp == 1
    assert totals["issuer"].fp == 0  # issuer is scored over expected issuers only


def test_wrong_name_in_a_pair_is_both_false_positive_and_false_negative():
    expected = [cred("Certified Information Systems Security Professional (CISSP)")]
    predicted = [cred("Certified Information Systems Security")]
    counts = totals_for(expected, predicted)["name"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_issuer_wrong_missing_and_unlabelled():
    predicted = [dict(c) for c in EXPECTED]
    predicted[0]["issuer"] = "Amazon"  # wrong: fp + fn
    predicted[1]["issuer"] = None  # missing: fn
    predicted[2]["issuer"] = "Watergate"  # the document prints no issuer: an invention, fp
    for key in ("issuer", "issuer~"):
        counts = totals_for(EXPECTED, predicted)[key]
        assert (counts.tp, counts.fp, counts.fn) == (0, 2, 2), key


def test_an_issuer_marked_inferred_is_no_false_positive_where_none_is_printed():
    predicted = [dict(c) for c in EXPECTED]
    predicted[2].update(issuer="Watergate Board", issuer_inferred=True)
    counts = totals_for(EXPECTED, predicted)["issuer"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)
    predicted[0].update(issuer="Amazon", issuer_inferred=True)  # where one is printed it must match
    counts = totals_for(EXPECTED, predicted)["issuer"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)


def test_dates_are_exact_and_counted_per_field_present():
    predicted = [dict(c) for c in EXPECTED]
    predicted[0]["issued"] = "2023"  # less precise than printed: wrong
    predicted[0]["expires"] = None  # missed
    predicted[2]["expires"] = "2026"  # invented
    counts = totals_for(EXPECTED, predicted)["dates"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 2)


def test_link_ignores_a_trailing_slash_but_not_tracking_parameters():
    predicted = [dict(c) for c in EXPECTED]
    predicted[0]["url"] = "https://www.credly.com/badges/abc/"
    assert totals_for(EXPECTED, predicted)["link"].f1 == 1.0
    predicted[0]["url"] = "https://www.credly.com/badges/abc?utm_source=linkedin"
    counts = totals_for(EXPECTED, predicted)["link"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_pairing_is_one_to_one_and_by_best_similarity():
    expected = [cred("CompTIA Security+"), cred("CompTIA Network+")]
    predicted = [cred("CompTIA Network+ ce"), cred("CompTIA Security+ ce"), cred("CompTIA Security+")]
    assert pair(expected, predicted) == [(0, 2), (1, 0)]
    counts = totals_for(expected, predicted)["name~"]
    assert counts.fn == 0 and counts.fp == 1  # the duplicate Security+ is an extra
    exact = totals_for(expected, predicted)["name"]
    assert (exact.tp, exact.fp, exact.fn) == (1, 2, 1)  # "Network+ ce" is not what was printed


def test_dissimilar_names_are_not_paired():
    totals = totals_for([cred("Certified ScrumMaster (CSM)", "Scrum Alliance", "2020")],
                        [cred("Forklift Operator", "Scrum Alliance", "2020")])
    assert totals["name"].tp == 0 and totals["name"].fp == 1 and totals["name"].fn == 1
    assert totals["dates"].fp == 1 and totals["dates"].fn == 1


def test_empty_resume_with_no_prediction_is_perfect_and_with_one_is_not():
    assert totals_for([], [])["name"].f1 == 1.0
    assert totals_for([], [cred("PMP")])["name"].precision == 0.0


def test_counts_across_files_add_up():
    a = score_file("a", EXPECTED, [dict(c) for c in EXPECTED])
    b = score_file("b", [cred("PMP")], [])
    totals = total([a, b])
    assert (totals["name"].tp, totals["name"].fn) == (3, 1)
    assert b.problems == ["missing: 'PMP'"]


def test_credential_fields_reads_the_model():
    c = Credential(name="CKA", issuer=Issuer(name="The Linux Foundation"), issued="2022-11",
                   url="https://www.credly.com/badges/x", credential_id="LF-1")
    assert credential_fields(c) == {
        **cred("CKA", "The Linux Foundation", "2022-11", None, "https://www.credly.com/badges/x", "LF-1"),
        "issuer_inferred": False,
    }


def test_floors_and_table():
    totals = {f: Counts(tp=90, fp=10, fn=10) for f in FIELDS}
    failing = below_floor(totals)
    assert [line.split(":")[0] for line in failing] == [f for f, v in FLOORS.items() if v > 0.9]
    table = format_table(totals, files=2)
    assert "over 2 files" in table and "0.900" in table


def test_person_name_ignores_case_and_emails_are_a_set():
    score = score_file("x", [], [])
    score_person(score, {"name": "Luis Ortega", "emails": ["luis@example.com", "l.o@example.org"]},
                 "LUIS ORTEGA", ["L.O@example.org", "sales@example.com"])
    c = score.counts
    assert (c["person_name"].tp, c["person_name"].fp, c["person_name"].fn) == (1, 0, 0)
    assert (c["emails"].tp, c["emails"].fp, c["emails"].fn) == (1, 1, 1)
    assert score.problems == ["emails: want ['l.o@example.org', 'luis@example.com'], "
                              "got ['l.o@example.org', 'sales@example.com']"]
    missing = score_file("y", [], [])
    score_person(missing, {"name": "Ana", "emails": []}, None, [])
    assert missing.counts["person_name"].fn == 1


def test_groups_total_per_group_and_mark_what_a_model_was_fitted_on():
    perfect = score_file("a", EXPECTED, [dict(c) for c in EXPECTED])
    empty = score_file("b", EXPECTED, [])
    rows = group_rows([("theme-x", perfect), ("latex-y", empty), ("theme-x", perfect)], fitted_on=["theme-x"])
    assert [(r.group, r.files, r.credentials, r.held_out) for r in rows] == [
        ("latex-y", 1, 3, True), ("theme-x", 2, 6, False)]
    assert rows[1].totals["name"].tp == 6 and rows[0].totals["name"].fn == 3
    table = format_groups("renderer", rows)
    assert "theme-x" in table.splitlines()[2] and table.splitlines()[2].endswith("NO")
    assert table.splitlines()[-1].split()[1:3] == ["3", "9"]  # files, credentials over all rows


def test_leave_one_group_out_never_trains_on_the_group_it_scores():
    labels = [{"file": f"{g}{i}", "renderer": g} for g in ("a", "b", "c") for i in range(2)]
    seen: dict[str, set[str]] = {}

    def fit(train):
        trained_on = {label["renderer"] for label in train}

        def predictor(label):
            seen[label["renderer"]] = trained_on
            # a model that only knows what it was trained on finds nothing elsewhere
            found = EXPECTED if label["renderer"] in trained_on else []
            return score_file(label["file"], EXPECTED, [dict(c) for c in found])

        return predictor

    rows = leave_one_group_out(labels, fit, lambda label: label["renderer"])
    assert seen == {"a": {"b", "c"}, "b": {"a", "c"}, "c": {"a", "b"}}
    assert [r.group for r in rows] == ["a", "b", "c"]
    assert all(r.totals["name"].recall == 0.0 for r in rows)  # memorising never looks like generalising
