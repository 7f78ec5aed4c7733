"""Stop words per language: function words that carry no meaning for a search.

Short on purpose: negations and words like "free", "court" or "права" stay searchable.
Written in normalised form (casefolded, ё as е).
"""

from __future__ import annotations

ENGLISH = frozenset(
    """
    a an the and or but if of to in on at by for from with as into onto over under about
    is are was were be been being am do does did has have had it its this that these those
    he she they them his her their we our you your i me my us
    there here than then so such too very can could will would shall should may might must
    which who whom whose what when where why how also just only no nos
    """.split()
)

RUSSIAN = frozenset(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
    ее мне было вот от меня еще о из ему теперь когда даже ну ли если уже или ни быть был
    него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
    надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
    тогда кто этот того потому этого какой ним здесь этом один почти мой тем чтобы нее
    были куда зачем всех никогда можно при об хоть после над тот через эти
    нас про всего них какая разве эту моя впрочем свою этой перед иногда
    чуть том такой им всегда конечно всю между это также который которые
    которая которых которого
    """.split()
)

STOP_WORDS: dict[str, frozenset[str]] = {"en": ENGLISH, "ru": RUSSIAN}
