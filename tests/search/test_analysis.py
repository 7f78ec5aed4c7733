"""The analysis pipeline: one set of terms for what readers type and what articles say."""

from __future__ import annotations

import pytest

from vestnik.search.analysis import analyse, prefix_term
from vestnik.search.query import parse


@pytest.mark.parametrize(
    ("forms", "language"),
    [
        (["правозащитник", "правозащитника", "правозащитники", "правозащитнику"], "ru"),
        (["заключённых", "заключенные", "ЗАКЛЮЧЁННЫЙ"], "ru"),
        (["Петров", "Петрова", "Петрову", "Петровым"], "en"),
        (["defender", "defenders", "Defenders"], "ru"),
        (["Иван", "Ивана", "Ивану"], "ru"),
    ],
)
def test_inflected_forms_share_one_term(forms, language):
    assert len({tuple(analyse(f, language)) for f in forms}) == 1


def test_case_numbers_and_no_sign_survive():
    assert analyse("Application No. 12345/06", "en")[1:] == analyse("жалоба № 12345/06", "ru")[1:]
    assert "12345/06" in analyse("№ 12345/06")
    assert "1-234/2024" in analyse("дело № 1-234/2024", "ru")


def test_stop_words_go_and_fullwidth_text_is_folded():
    assert analyse("the court and the prison", "en") == ["court", "prison"]
    assert analyse("Ｃｏｕｒｔ", "en") == ["court"]
    assert analyse("и в на", "ru") == []


def test_mixed_script_text_uses_each_scripts_analyser():
    assert analyse("Colleagues of Иван Петров", "en") == ["colleagu", "иван", "петров"]


def test_prefix_is_cut_to_what_stemming_keeps():
    assert prefix_term("defenders") == "defend"
    assert prefix_term("правозащ") == "правозащ"


def test_query_parser_never_passes_syntax_through():
    q = parse('"a" OR NEAR( title_terms:court ^x -"free speech" pravo*')
    words = [t for c in q.include for t in c.terms] + [t for c in q.exclude for t in c.terms]
    assert all(w.replace("/", "").isalnum() for w in words)
    assert q.exclude[0].terms == ("free", "speech")
    assert q.include[-1].prefix
