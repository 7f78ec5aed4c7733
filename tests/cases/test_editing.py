"""Case files in the back office: who may edit what, revisions, diffs and restores, over HTTP."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from tests.cases.admin_forms import form_data
from vestnik.cases.models import Case, CaseArticle, CaseDocument, CaseRevision, Court, Subject
from vestnik.editorial import roles
from vestnik.editorial.models import AuditEntry

CASES = "/admin/vestnik_cases/case"


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, password="x", **extra)


@pytest.fixture
def people(en, ru):
    administrator = make_user("ada", is_staff=True)
    roles.make_administrator(administrator)
    editor_en, editor_ru = make_user("edna"), make_user("rudolf")
    roles.grant_role(editor_en, en, "editor")
    roles.grant_role(editor_ru, ru, "editor")
    contributor = make_user("carl")
    roles.grant_role(contributor, en, "contributor")
    outsider = make_user("otto", is_staff=True)
    return {
        "admin": administrator, "editor_en": editor_en, "editor_ru": editor_ru,
        "contributor": contributor, "outsider": outsider,
    }  # fmt: skip


def field_named(data: dict, prefix: str, field: str, value: str) -> str:
    """The form field name `prefix-N-field` of the inline row whose `field` is `value`."""
    for name, v in data.items():
        if name.startswith(f"{prefix}-") and name.endswith(f"-{field}") and v == value:
            return name
    raise AssertionError(f"no {prefix} row with {field}={value!r}")


def translation_field(data: dict, edition, field: str) -> str:
    row = field_named(data, "translations", "edition", str(edition.pk))
    return row.rsplit("-", 1)[0] + f"-{field}"


def add_event(data: dict, text: str) -> None:
    n = int(data["events-TOTAL_FORMS"])
    data.update({
        f"events-{n}-kind": "decision", f"events-{n}-date": "2020-05-05",
        f"events-{n}-text": text, f"events-{n}-time_zone": "Europe/Moscow",
        f"events-{n}-duration_minutes": "120",
    })  # fmt: skip
    data["events-TOTAL_FORMS"] = str(n + 1)


def state() -> dict:
    """Everything a refused request could change."""
    from vestnik.cases.revisions import snapshot

    return {
        "cases": {c.slug: snapshot(c) for c in Case.objects.all()},
        "revisions": sorted(CaseRevision.objects.values_list("case_id", "number")),
        "documents": sorted(CaseDocument.objects.values_list("id", "title", "sha256", "file")),
        "courts": sorted(Court.objects.values_list("slug", "name")),
        "subjects": sorted(Subject.objects.values_list("slug", "name")),
    }


@pytest.fixture
def edit(client, people, case_site):
    """Log in as the administrator, read the case form; returns (url, form data)."""
    url = f"{CASES}/{case_site['case'].pk}/change/"
    client.force_login(people["admin"])
    return url, form_data(client, url)


def titles(case: Case) -> dict[str, str]:
    return {t.edition.code: t.title for t in case.translations.select_related("edition")}


# --- roles ---------------------------------------------------------------------------------


def test_editor_changes_the_case_and_the_text_of_their_edition(client, people, case_site, en, edit):
    url, data = edit
    data[translation_field(data, en, "title")] = "Petrova v. Russia"
    data["status"] = "hearing"
    client.force_login(people["editor_en"])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(pk=case_site["case"].pk)
    assert titles(case) == {"en": "Petrova v. Russia", "ru": "П. против России"}
    assert case.status == "hearing"
    entry = AuditEntry.objects.filter(action="admin.change").latest("id")
    assert entry.actor == people["editor_en"]
    assert entry.details["model"] == "vestnik_cases.case" and entry.details["id"] == str(case.pk)


@pytest.mark.parametrize(
    ("who", "edition", "delete"),
    [("editor_en", "ru", False), ("editor_en", "ru", True), ("editor_ru", "en", False)],
)
def test_editor_may_not_touch_another_editions_text(
    client, people, case_site, editions, edit, who, edition, delete
):
    url, data = edit
    field = translation_field(data, editions[edition], "title")
    if delete:
        data[field.replace("-title", "-DELETE")] = "on"
    else:
        data[field] = "Changed by the wrong editor"
    data["number"] = "No. 54321/06"  # a change they could make alone
    before = state()
    client.force_login(people[who])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Only an editor of that edition may add, change or delete its text" in (
        response.content.decode()
    )
    assert state() == before


def test_editor_may_not_add_a_text_for_another_edition(client, people, en, ru, echr):
    from tests.cases.test_admin import _new_case_post

    client.force_login(people["editor_ru"])
    data = _new_case_post(en, echr, "")
    data["documents-TOTAL_FORMS"] = "0"
    response = client.post(f"{CASES}/add/", data)
    assert response.status_code == 200
    assert "Only an editor of that edition" in response.content.decode()
    assert not Case.objects.exists()
    data["translations-0-edition"] = str(ru.pk)
    assert client.post(f"{CASES}/add/", data).status_code == 302
    assert titles(Case.objects.get()) == {"ru": "A. v. Russia"}


def refused(client, user, requests: list[tuple[str, str, dict]], codes=(403,)) -> None:
    client.force_login(user)
    before = state()
    failures = []
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        if response.status_code not in codes:
            failures.append(f"{method.upper()} {url} → {response.status_code}")
        elif state() != before:
            failures.append(f"{method.upper()} {url} changed something")
    assert not failures, "\n".join(failures)


def delete_requests(case: Case) -> list[tuple[str, str, dict]]:
    return [
        ("get", f"{CASES}/{case.pk}/delete/", {}),
        ("post", f"{CASES}/{case.pk}/delete/", {"post": "yes"}),
        ("post", f"{CASES}/",
         {"action": "delete_selected", "_selected_action": [case.pk], "post": "yes"}),
    ]  # fmt: skip


def list_requests(echr: Court) -> list[tuple[str, str, dict]]:
    privacy = Subject.objects.get(slug="privacy")
    return [
        ("post", "/admin/vestnik_cases/court/add/",
         {"name": "New court", "slug": "new-court", "kind": "domestic", "level": "1",
          "order": "0"}),
        ("post", f"/admin/vestnik_cases/court/{echr.pk}/change/",
         {"name": "Hacked", "slug": "echr", "kind": "ecthr", "level": "1", "order": "0"}),
        ("post", f"/admin/vestnik_cases/court/{echr.pk}/delete/", {"post": "yes"}),
        ("post", "/admin/vestnik_cases/subject/add/",
         {"name": "New", "slug": "new", "order": "0"}),
        ("post", f"/admin/vestnik_cases/subject/{privacy.pk}/change/",
         {"name": "Hacked", "slug": "privacy", "order": "0"}),
    ]  # fmt: skip


def test_editors_may_not_delete_cases_or_change_courts_and_subjects(
    client, people, case_site, echr, edit
):
    case = case_site["case"]
    for who in ("editor_en", "editor_ru"):
        refused(client, people[who], [*delete_requests(case), *list_requests(echr)])
        assert client.get("/admin/vestnik_cases/court/").status_code == 200
        assert client.get("/admin/vestnik_cases/subject/").status_code == 200


def test_contributor_sees_cases_read_only(client, people, case_site, echr, edit):
    url, data = edit
    case = case_site["case"]
    revision = CaseRevision.objects.create(case=case, number=1, data={"slug": case.slug})
    client.force_login(people["contributor"])
    page = client.get(url)
    assert page.status_code == 200
    assert "P. v. Russia" in page.content.decode() and 'name="_save"' not in page.content.decode()
    assert client.get(f"{CASES}/").status_code == 200
    history = client.get(f"{CASES}/{case.pk}/revisions/")
    assert history.status_code == 200 and "Restore" not in history.content.decode()
    refused(client, people["contributor"], [
        ("post", url, {**data, "number": "No. 1/99"}),
        ("get", f"{CASES}/add/", {}),
        ("post", f"{CASES}/add/", {**data, "slug": "new-case"}),
        ("post", f"{CASES}/{case.pk}/revisions/{revision.pk}/restore/", {}),
        *delete_requests(case),
        *list_requests(echr),
    ])  # fmt: skip


def test_staff_without_a_role_has_no_access_to_cases(client, people, case_site, echr, edit):
    url, data = edit
    case = case_site["case"]
    revision = CaseRevision.objects.create(case=case, number=1, data={"slug": case.slug})
    refused(client, people["outsider"], [
        ("get", f"{CASES}/", {}),
        ("get", url, {}),
        ("post", url, data),
        ("get", f"{CASES}/add/", {}),
        ("get", f"{CASES}/{case.pk}/revisions/", {}),
        ("post", f"{CASES}/{case.pk}/revisions/{revision.pk}/restore/", {}),
        ("get", "/admin/vestnik_cases/court/", {}),
        ("get", "/admin/vestnik_cases/subject/", {}),
        *delete_requests(case),
        *list_requests(echr),
    ])  # fmt: skip
    assert "vestnik_cases" not in client.get("/admin/").content.decode()


def test_administrator_deletes_cases_and_changes_courts(client, people, case_site, echr):
    client.force_login(people["admin"])
    response = client.post(
        f"/admin/vestnik_cases/court/{echr.pk}/change/",
        {"name": "ECtHR", "slug": "echr", "kind": "ecthr", "level": "1", "order": "0"},
    )
    assert response.status_code == 302
    assert Court.objects.get(pk=echr.pk).name == "ECtHR"
    case = case_site["case"]
    assert client.post(f"{CASES}/{case.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    assert CaseDocument.objects.count() == 0  # rows go with the case
    entry = AuditEntry.objects.filter(action="admin.delete").latest("id")
    assert entry.actor == people["admin"] and entry.details["model"] == "vestnik_cases.case"


# --- revisions, diff, restore ------------------------------------------------------------


def test_revisions_on_creation_and_on_every_save(client, people, en, echr):
    from tests.cases.test_admin import _new_case_post

    client.force_login(people["editor_en"])
    data = _new_case_post(en, echr, "")
    data["documents-TOTAL_FORMS"] = "0"
    assert client.post(f"{CASES}/add/", data).status_code == 302
    case = Case.objects.get()
    first = case.revisions.get()
    assert (first.number, first.author) == (1, people["editor_en"])
    assert first.data["translations"][0]["title"] == "A. v. Russia"
    assert first.data["parties"][0]["hide_name"] is True
    url = f"{CASES}/{case.pk}/change/"
    for title in ("B. v. Russia", "C. v. Russia"):
        data = form_data(client, url)
        data[translation_field(data, en, "title")] = title
        assert client.post(url, data).status_code == 302
    numbers = list(case.revisions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert case.revisions.get(number=3).data["translations"][0]["title"] == "C. v. Russia"


def changed_case(client, people, case_site, en, edit) -> Case:
    """The editor renames the case and a party and adds a judgment to the timeline."""
    url, data = edit
    data[translation_field(data, en, "title")] = "Petrova v. Russia"
    data[field_named(data, "parties", "name", "Ilya Kortnev")] = "Olga Advokatova"
    add_event(data, "Judgment: violation of Article 8")
    client.force_login(people["editor_en"])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return case_site["case"]


def test_diff_shows_a_changed_title_party_and_new_event(client, people, case_site, en, edit):
    case = changed_case(client, people, case_site, en, edit)
    # an imported case: its state before the first edit is revision 1
    assert list(case.revisions.values_list("number", "comment")) == [
        (2, ""), (1, "Before the first edit in the back office"),
    ]  # fmt: skip
    for query in ("?a=1&b=2", "?a=1&b=current"):
        page = client.get(f"{CASES}/{case.pk}/revisions/{query}")
        assert page.status_code == 200
        diff = BeautifulSoup(page.content, "html.parser").select_one("#diff")
        rows = {tr.th.get_text(): tr.td for tr in diff.select("tbody tr")}
        assert set(rows) == {"title (en)", "parties", "events"}
        assert rows["title (en)"].find("del").get_text() == "P."
        assert rows["title (en)"].ins.get_text() == "Petrova"
        assert "Olga Advokatova" in rows["parties"].ins.get_text()
        assert "Ilya Kortnev" in rows["parties"].find("del").get_text()
        assert "Judgment: violation of Article 8" in rows["events"].ins.get_text()
    same = client.get(f"{CASES}/{case.pk}/revisions/?a=2&b=current")
    assert "No differences." in same.content.decode()
    for junk in ("?a=x&b=2", "?a=99&b=1", "?a=1", "?b=current"):
        page = client.get(f"{CASES}/{case.pk}/revisions/{junk}")
        assert page.status_code == 200 and 'id="diff"' not in page.content.decode()


def test_diff_escapes_party_names(client, people, case_site, edit):
    url, data = edit
    data[field_named(data, "parties", "name", "Ilya Kortnev")] = "<script>alert(1)</script>"
    assert client.post(url, data).status_code == 302
    page = client.get(f"{CASES}/{case_site['case'].pk}/revisions/?a=1&b=2").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_restore_brings_back_title_parties_and_events(client, people, case_site, en, edit):
    case = changed_case(client, people, case_site, en, edit)
    document = case_site["document"]
    first = case.revisions.get(number=1)
    client.force_login(people["editor_en"])
    history = client.get(f"{CASES}/{case.pk}/revisions/").content.decode()
    assert "never deletes or brings back a document file" in history
    response = client.post(f"{CASES}/{case.pk}/revisions/{first.pk}/restore/")
    assert response.status_code == 302
    assert response["Location"] == f"{CASES}/{case.pk}/change/"
    case = Case.objects.get(pk=case.pk)
    assert titles(case) == {"en": "P. v. Russia", "ru": "П. против России"}
    parties = list(case.parties.values_list("name", "hide_name"))
    assert parties == [("Zinaida Skrytnova", True), ("Russia", False), ("Ilya Kortnev", False)]
    assert sorted(case.events.values_list("text", flat=True)) == [
        "Application lodged", "Public hearing",
    ]  # fmt: skip
    kept = CaseDocument.objects.get(pk=document.pk)
    assert kept.event_id == case_site["filing"].pk and kept.file.storage.exists(kept.file.name)
    assert set(CaseArticle.objects.filter(case=case).values_list("article_id", flat=True)) == {
        a.pk for a in [*case_site["articles"], case_site["ru_article"]]
    }
    newest = case.revisions.first()
    assert (newest.number, newest.author, newest.comment) == (
        3, people["editor_en"], "Restored revision #1",
    )  # fmt: skip
    assert newest.data["translations"] == first.data["translations"]
    entry = AuditEntry.objects.get(action="case.revision.restore")
    assert entry.actor == people["editor_en"] and entry.object_id == str(case.pk)
    assert entry.details == {"from": 1, "to": 3}
    page = client.get(f"{CASES}/{case.pk}/revisions/?a=1&b=current").content.decode()
    assert "No differences." in page


def test_restore_refuses_bad_requests_and_changes_nothing(client, people, case_site, en, edit):
    from tests.cases.factories import make_cases

    case = changed_case(client, people, case_site, en, edit)
    other = make_cases(case_site, 1)[0]
    foreign = CaseRevision.objects.create(case=other, number=1, data={"slug": "x"})
    first = case.revisions.get(number=1)
    refused(client, people["editor_en"], [
        ("post", f"{CASES}/{case.pk}/revisions/999999/restore/", {}),
        ("post", f"{CASES}/{case.pk}/revisions/{foreign.pk}/restore/", {}),
        ("post", f"{CASES}/999999/revisions/{first.pk}/restore/", {}),
        ("get", f"{CASES}/999999/revisions/", {}),
    ], codes=(404,))  # fmt: skip
    refused(client, people["editor_en"], [
        ("get", f"{CASES}/{case.pk}/revisions/{first.pk}/restore/", {}),
    ], codes=(405,))  # fmt: skip


def test_editor_may_not_restore_another_editions_text(client, people, case_site, ru, edit):
    url, data = edit
    data[translation_field(data, ru, "title")] = "Петрова против России"
    client.force_login(people["editor_ru"])
    assert client.post(url, data).status_code == 302
    first = case_site["case"].revisions.get(number=1)
    refused(client, people["editor_en"], [
        ("post", f"{CASES}/{case_site['case'].pk}/revisions/{first.pk}/restore/", {}),
    ])  # fmt: skip
    client.force_login(people["editor_ru"])
    restore = f"{CASES}/{case_site['case'].pk}/revisions/{first.pk}/restore/"
    assert client.post(restore).status_code == 302
    assert titles(Case.objects.get(pk=case_site["case"].pk))["ru"] == "П. против России"


def test_restore_refuses_to_hide_a_name_a_later_document_spells_out(
    client, people, case_site, edit
):
    from tests.cases.files import pdf_bytes
    from vestnik.cases import services

    url, data = edit
    hide = field_named(data, "parties", "name", "Ilya Kortnev").replace("-name", "-hide_name")
    data[hide] = "on"
    assert client.post(url, data).status_code == 302  # revisions 1 and 2: name hidden
    data = form_data(client, url)
    del data[hide]
    assert client.post(url, data).status_code == 302  # revision 3: shown again
    case = case_site["case"]
    services.add_document(case, "letter.pdf", pdf_bytes("Letter from Ilya Kortnev"), "Letter")
    hidden = case.revisions.get(number=2)
    before = state()
    response = client.post(f"{CASES}/{case.pk}/revisions/{hidden.pk}/restore/", follow=True)
    assert response.status_code == 200
    assert "names a party whose name is hidden" in response.content.decode()
    assert state() == before
    assert not AuditEntry.objects.filter(action="case.revision.restore").exists()
