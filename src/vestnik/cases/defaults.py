"""The courts and subjects a new install starts with; editors change them in the back office."""

from __future__ import annotations

# (slug, kind, level, English name, Russian name)
COURTS = [
    ("district-court", "domestic", 1, "District court", "Районный суд"),
    ("regional-court", "domestic", 2, "Regional court (appeal)", "Областной суд (апелляция)"),
    ("cassation-court", "domestic", 3, "Court of cassation", "Кассационный суд"),
    ("supreme-court", "domestic", 4, "Supreme Court", "Верховный суд"),
    ("constitutional-court", "constitutional", 5, "Constitutional Court", "Конституционный суд"),
    ("echr", "ecthr", 10, "European Court of Human Rights", "Европейский суд по правам человека"),
    ("un-hrc", "un", 20, "UN Human Rights Committee", "Комитет ООН по правам человека"),
    ("un-cat", "un", 21, "UN Committee against Torture", "Комитет ООН против пыток"),
    ("un-cedaw", "un", 22, "UN Committee on the Elimination of Discrimination against Women",
     "Комитет ООН по ликвидации дискриминации в отношении женщин"),
]  # fmt: skip

# (slug, English name, Russian name)
SUBJECTS = [
    ("fair-trial", "Right to a fair trial", "Право на справедливый суд"),
    ("privacy", "Privacy of correspondence", "Тайна переписки"),
    ("detention-conditions", "Detention conditions", "Условия содержания"),
    ("torture", "Torture and ill-treatment", "Пытки и жестокое обращение"),
    ("expression", "Freedom of expression", "Свобода выражения мнений"),
    ("assembly", "Freedom of assembly", "Свобода собраний"),
    ("arbitrary-detention", "Arbitrary detention", "Произвольное задержание"),
]


def ensure_defaults(court_model, subject_model) -> None:
    """Create the default courts and subjects that do not exist yet (never changes edits)."""
    for order, (slug, kind, level, name, name_ru) in enumerate(COURTS):
        court_model.objects.get_or_create(
            slug=slug,
            defaults={"kind": kind, "level": level, "name": name,
                      "name_translations": {"ru": name_ru}, "order": order},
        )  # fmt: skip
    for order, (slug, name, name_ru) in enumerate(SUBJECTS):
        subject_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_translations": {"ru": name_ru}, "order": order}
        )
