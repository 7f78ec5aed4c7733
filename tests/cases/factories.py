"""Bulk cases for list and pagination tests."""

from __future__ import annotations

import datetime as dt

from vestnik.cases import services
from vestnik.cases.models import Court


def make_cases(case_site, n: int, start: int = 0) -> list:
    en = case_site["case"].translations.get(edition__code="en").edition
    court = Court.objects.get(slug="district-court")
    return [
        services.create_case(
            services.CaseData(
                slug=f"case-{i}",
                court=court,
                number=f"2-{i}/2019",
                filed=dt.date(2019, 1, 1),
                texts=[services.CaseText(en, f"Case number {i}")],
            )
        )
        for i in range(start, start + n)
    ]
