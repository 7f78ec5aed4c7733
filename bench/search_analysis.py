"""Russian analysers compared: Snowball (PyStemmer) vs pymorphy3 (the chosen one).

Prints, for each analyser, how many of the inflected forms below it maps to the same term
as their base form, and words per second on a synthetic stream of Russian text (cold: every
word analysed; warm: through the same per-word cache the index uses).

    .venv/bin/python bench/search_analysis.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import lru_cache

import Stemmer

# (base form, inflected forms that must find it)
PAIRS = [
    ("правозащитник", ["правозащитника", "правозащитники", "правозащитнику", "правозащитников"]),
    ("заключенный", ["заключенных", "заключенные", "заключенному"]),
    ("петров", ["петрова", "петрову", "петровым"]),
    ("иван", ["ивана", "ивану", "иваном"]),
    ("сергеева", ["сергеевой", "сергееву"]),
    ("пытка", ["пыток", "пыткам", "пытками"]),
    ("суд", ["суда", "судом", "судов"]),
    ("колония", ["колонии", "колоний", "колонию"]),
    ("жалоба", ["жалобы", "жалоб", "жалобой"]),
    ("свидетель", ["свидетеля", "свидетелей"]),
    ("адвокат", ["адвоката", "адвокату", "адвокатов"]),
    ("задержание", ["задержания", "задержаний"]),
    ("волонтер", ["волонтеры", "волонтеров"]),
    ("голодовка", ["голодовку", "голодовок"]),
    ("агент", ["агента", "агентов", "агентами"]),
    ("пикет", ["пикета", "пикеты"]),
    ("мемориал", ["мемориала", "мемориалом"]),
    ("приговор", ["приговора", "приговоры"]),
    ("наблюдатель", ["наблюдателей", "наблюдателями"]),
    ("смирнова", ["смирновой", "смирнову"]),
]


def chosen() -> Callable[[str], str]:
    from vestnik.search.analysis import _term

    return lambda w: _term.__wrapped__(w, "ru")


def snowball() -> Callable[[str], str]:
    stemmer = Stemmer.Stemmer("russian")
    return stemmer.stemWord


def pymorphy() -> Callable[[str], str]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang="ru")
    return lambda w: morph.parse(w)[0].normal_form


def quality(analyse: Callable[[str], str]) -> tuple[int, int, list[str]]:
    right, wrong = 0, []
    for base, forms in PAIRS:
        target = analyse(base)
        ok = all(analyse(f) == target for f in forms)
        right += ok
        if not ok:
            wrong.append(f"{base}: " + ", ".join(f"{f}→{analyse(f)}" for f in [base, *forms]))
    return right, len(PAIRS), wrong


def stream(n: int) -> list[str]:
    from vestnik.demo.generate import WORDS

    vocab = [w for _b, forms in PAIRS for w in forms] + [w.lower() for w in WORDS["ru"]]
    rng = random.Random(1)
    # Real text has a long tail: add made-up rare words so that a cache does not hide cost.
    tail = [w + s for w in vocab for s in ("ами", "ях", "ого", "ому", "ыми")]
    return [rng.choice(vocab) if rng.random() < 0.8 else rng.choice(tail) for _ in range(n)]


def speed(make: Callable[[], Callable[[str], str]], words: list[str]) -> tuple[float, float]:
    cold_fn = make()
    started = time.perf_counter()
    for w in words:
        cold_fn(w)
    cold = len(words) / (time.perf_counter() - started)
    warm_fn = lru_cache(maxsize=200_000)(make())
    started = time.perf_counter()
    for w in words:
        warm_fn(w)
    warm = len(words) / (time.perf_counter() - started)
    return cold, warm


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    django.setup()
    words = stream(50_000)
    for name, make in [
        ("vestnik analyser (pymorphy3 lemma, ё→е)", chosen),
        ("snowball (PyStemmer)", snowball),
        ("pymorphy3 alone", pymorphy),
    ]:
        started = time.perf_counter()
        fn = make()
        load = time.perf_counter() - started
        right, total, wrong = quality(fn)
        cold, warm = speed(make, words)
        print(f"{name}: {right}/{total} right, {cold:,.0f} words/s cold, "
              f"{warm:,.0f} words/s cached, load {load:.2f} s")  # fmt: skip
        for line in wrong:
            print("    wrong:", line)


if __name__ == "__main__":
    main()
