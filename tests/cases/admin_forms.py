"""Reading the case admin's change form the way a browser would submit it."""

from __future__ import annotations

from bs4 import BeautifulSoup


def form_data(client, url: str) -> dict:
    """What the case change form at `url` posts when saved as it stands."""
    page = BeautifulSoup(client.get(url).content, "html.parser")
    data: dict = {}
    for field in page.select(
        "form#case_form input, form#case_form select, form#case_form textarea"
    ):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "select":
            chosen = [o.get("value") for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = "on"
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    assert "translations-TOTAL_FORMS" in data, "not an editable case form"
    return data
