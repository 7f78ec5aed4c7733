"""Business rules of cases: validation, links, status changes in site news, search text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.cases.conftest import HIDDEN, HIDDEN_RU
from tests.factories import ArticleFactory
from vestnik.cases import services
from vestnik.cases.models import Case, Court, TimelineEvent
from vestnik.content.models import SiteNewsItem


def _data(en, court, **kw):
    return services.CaseData(
        slug=kw.pop("slug", "new-case"), court=court,
        texts=[services.CaseText(en, "New case")], **kw,
    )  # fmt: skip


def test_malformed_number_saves_nothing(en, echr):
    with pytest.raises(ValidationError) as exc:
        services.create_case(_data(en, echr, number="No. 2-1234/2019"))
    assert "12345/06" in str(exc.value)
    with pytest.raises(ValidationError):
        services.create_case(_data(en, echr, number="<b>"))
    assert not Case.objects.exists()


def test_same_number_twice_in_one_court_is_refused(case_site, en, echr):
    with pytest.raises(ValidationError, match="already has a case"):
        services.create_case(_data(en, echr, number="no 12345/06"))
    district = Court.objects.get(slug="district-court")
    other = services.create_case(_data(en, district, number="no 12345/06", slug="other"))
    assert other.number_key == "12345/06"
    assert set(services.find_by_number("№ 12345/06")) == {case_site["case"], other}


def test_case_needs_a_title_and_a_valid_slug(en, echr):
    with pytest.raises(ValidationError):
        services.create_case(services.CaseData(slug="x", court=echr, texts=[]))
    with pytest.raises(ValidationError):
        services.create_case(_data(en, echr, slug="Bad Slug!"))
    assert not Case.objects.exists()


def test_past_events_cannot_be_in_the_future(case_site):
    case = case_site["case"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for kind in ("filing", "decision", "judgment", "appeal", "execution"):
        with pytest.raises(ValidationError, match="future"):
            services.add_event(case, kind, tomorrow, "Too early")
    with pytest.raises(ValidationError, match="future"):
        services.create_case(_data(case_site["case"].translations.first().edition,
                                   case.court, slug="f", filed=tomorrow))  # fmt: skip
    services.add_event(case, TimelineEvent.Kind.HEARING, tomorrow, "Hearing is planned")
    with pytest.raises(ValidationError, match="time zone"):
        services.add_event(case, "hearing", tomorrow, "x", time_zone="Mars/Olympus")
    assert case.events.count() == 3


def test_circular_and_duplicate_links_are_refused(case_site, en, echr):
    case = case_site["case"]
    later = services.create_case(_data(en, echr, slug="later", follows=case))
    case.follows = later
    with pytest.raises(ValidationError, match="cannot continue itself"):
        case.full_clean()
    case.follows = case
    with pytest.raises(ValidationError, match="cannot continue itself"):
        case.full_clean()
    with pytest.raises(ValidationError, match="linked to this case already"):
        services.link_article(case, case_site["articles"][0])
    assert Case.objects.get(pk=case.pk).follows is None


def test_status_change_is_announced_in_site_news_of_each_edition(case_site):
    case = case_site["case"]
    items = services.set_status(case, Case.Status.JUDGMENT)
    assert {i.edition.code for i in items} == {"en", "ru"}
    en_item = SiteNewsItem.objects.get(edition__code="en", link_url="/en/cases/petrova-v-russia/")
    assert en_item.title == "Case “P. v. Russia”: Judgment delivered"
    ru_item = SiteNewsItem.objects.get(edition__code="ru")
    assert ru_item.title == "Дело «П. против России»: Вынесено решение"
    assert services.set_status(case, Case.Status.JUDGMENT) == []  # no change, no news
    with pytest.raises(ValidationError):
        services.set_status(case, "won")


def test_article_can_belong_to_several_cases(case_site, en, echr):
    article = case_site["articles"][0]
    other = services.create_case(_data(en, echr, slug="second"))
    services.link_article(other, article)
    assert {t.case.slug for t in services.cases_of_article(article)} == {
        "petrova-v-russia", "second",
    }  # fmt: skip


def test_timeline_places_articles_in_date_order(case_site, en):
    entries = services.timeline(case_site["case"], en)
    assert [e.kind for e in entries] == ["filing", "article", "article", "hearing"]
    assert entries[0].documents == [case_site["document"]]
    assert entries[1].article == case_site["articles"][0]


def test_searchable_text_has_the_case_but_not_hidden_names(case_site):
    text = services.searchable_text(case_site["case"])
    expected_parts = (
        "P. v. Russia", "П. против России", "12345/06", "Ilya Kortnev",
        "European Court of Human Rights", "Тайна переписки", "Application lodged",
    )  # fmt: skip
    for expected in expected_parts:
        assert expected in text
    assert HIDDEN not in text and HIDDEN_RU not in text


def test_unpublished_articles_stay_off_the_timeline(case_site, en):
    draft = ArticleFactory(section=case_site["en_section"], status="draft")
    services.link_article(case_site["case"], draft)
    assert draft not in [e.article for e in services.timeline(case_site["case"], en)]
