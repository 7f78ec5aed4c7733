from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.cases.files import pdf_bytes
from tests.factories import ArticleFactory
from vestnik.cases import services
from vestnik.cases.models import Case, Court, Party, Subject, TimelineEvent
from vestnik.content import services as content_services

HIDDEN = "Zinaida Skrytnova"
HIDDEN_RU = "Зинаида Скрытнова"


@pytest.fixture
def echr(db):
    return Court.objects.get(slug="echr")


@pytest.fixture
def case_site(en, ru, echr):
    """One bilingual ECtHR case with a hidden applicant, a timeline, a document and articles."""
    en_section = content_services.create_section(en, "Court cases", slug="court-cases")
    ru_section = content_services.create_section(ru, "Судебные дела", slug="sudebnye-dela")
    now = timezone.now()
    case = services.create_case(
        services.CaseData(
            slug="petrova-v-russia", court=echr, number="No. 12345/06", filed=dt.date(2006, 3, 1),
            status=Case.Status.COMMUNICATED,
            subjects=[Subject.objects.get(slug="privacy"), Subject.objects.get(slug="fair-trial")],
            texts=[
                services.CaseText(en, "P. v. Russia", "Letters case", "<p>Opened letters.</p>"),
                services.CaseText(ru, "П. против России", "Дело о письмах"),
            ],
            parties=[
                services.PartyData(Party.Role.APPLICANT, HIDDEN, hide_name=True,
                                   translations={"ru": HIDDEN_RU}),
                services.PartyData(Party.Role.RESPONDENT, "Russia", kind=Party.Kind.ORGANISATION,
                                   translations={"ru": "Россия"}),
                services.PartyData(Party.Role.REPRESENTATIVE, "Ilya Kortnev",
                                   translations={"ru": "Илья Кортнев"}),
            ],
        )
    )  # fmt: skip
    filing = services.add_event(
        case, TimelineEvent.Kind.FILING, dt.date(2006, 3, 1), "Application lodged",
        translations={"ru": "Жалоба подана"},
    )  # fmt: skip
    hearing = services.add_event(
        case, TimelineEvent.Kind.HEARING, timezone.localdate() + dt.timedelta(days=30),
        "Public hearing", translations={"ru": "Открытое слушание"}, time=dt.time(10, 30),
        time_zone="Europe/Paris", venue="Human Rights Building, Strasbourg",
    )  # fmt: skip
    document = services.add_document(
        case, "Application form.pdf", pdf_bytes("Application form", "Article 8 complaint"),
        "Application form", doc_type="application", date=dt.date(2006, 3, 1), language="en",
        official_id="ECLI:CE:ECHR:2006:0301", event=filing,
    )  # fmt: skip
    article_early = ArticleFactory(
        section=en_section, title="Centre files letters case", added=now - dt.timedelta(days=400)
    )
    article_late = ArticleFactory(
        section=en_section, title="Court asks government", added=now - dt.timedelta(days=2)
    )
    ru_article = ArticleFactory(section=ru_section, title="Жалоба коммуницирована")
    for article in (article_early, article_late, ru_article):
        services.link_article(case, article)
    return {
        "case": case, "filing": filing, "hearing": hearing, "document": document,
        "articles": [article_early, article_late], "ru_article": ru_article,
        "en_section": en_section,
    }  # fmt: skip


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
