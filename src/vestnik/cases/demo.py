"""Demo case files: three invented cases with timelines, documents and linked articles."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.db import transaction

from vestnik.cases import services
from vestnik.cases.models import Case, Court, Party, Subject, TimelineEvent
from vestnik.content.models import Article, Edition

E = TimelineEvent.Kind


def _docx(paragraphs: tuple[str, ...]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _odt(paragraphs: tuple[str, ...]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for text in paragraphs:
        document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _pdf(lines: tuple[str, ...]) -> bytes:
    from vestnik.content.demo import _pdf as demo_pdf

    return demo_pdf(lines)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# The data below is laid out by hand for reading; the formatter leaves it alone.
# fmt: off
CASES: list[dict[str, Any]] = [
    {
        "slug": "s-v-russia", "court": "echr", "number": "No. 48213/15", "filed": "2015-06-10",
        "status": Case.Status.COMMUNICATED, "status_changed": "2017-04-12",
        "subjects": ("torture", "fair-trial"),
        "texts": {
            "en": ("S. v. Russia", "The Kandalaksha fisherman",
                   "<p>A fisherman from Kandalaksha says police officers beat him and suffocated "
                   "him with a plastic bag until he confessed to illegal fishing. Eleven refusals "
                   "to investigate later, the Centre took his case to Strasbourg.</p>"),
            "ru": ("С. против России", "Дело кандалакшского рыбака",
                   "<p>Рыбак из Кандалакши рассказывает, что полицейские избили его и душили "
                   "пакетом, пока он не подписал признание в незаконном лове. После одиннадцати "
                   "отказов в возбуждении дела Центр обратился в Страсбург.</p>"),
        },
        "parties": [
            (Party.Role.APPLICANT, Party.Kind.PERSON, "Viktor Sorokoumov",
             {"ru": "Виктор Сорокоумов"}, True),
            (Party.Role.RESPONDENT, Party.Kind.ORGANISATION, "Russia", {"ru": "Россия"}, False),
            (Party.Role.REPRESENTATIVE, Party.Kind.ORGANISATION, "Northern Legal Aid Centre",
             {"ru": "Северный центр правовой помощи"}, False),
        ],
        "events": [
            (E.FILING, "2015-06-10", "Application lodged with the European Court",
             "Жалоба подана в Европейский суд", None, ""),
            (E.COMMUNICATION, "2017-04-12", "The Court communicates the case to the Government",
             "Суд коммуницировал жалобу властям", None, ""),
            (E.OTHER, "2017-11-20", "Our reply to the Government's observations",
             "Наш ответ на меморандум властей", None, ""),
        ],
        "documents": [
            ("application.pdf", "Application form (summary)", "application", "2015-06-10", "en",
             "", 0, ("APPLICATION - S. v. Russia", "Complaint under Articles 3 and 13",
                     "Ill-treatment at the Kandalaksha police station, August 2013",
                     "Eleven refusals to open a criminal investigation")),
            ("reply.docx", "Reply to the Government's observations", "observations",
             "2017-11-20", "en", "", 2,
             ("Reply of the applicant to the observations of the Government",
              "The medical record of 16 August 2013 shows bruises on the ribs.",
              "The Government offer no explanation of how the injuries were caused.")),
        ],
        "articles": ("fisherman", "ru-fisherman"),
    },
    {
        "slug": "d-v-russia-un", "court": "un-hrc", "number": "Communication No. 3791/2021",
        "filed": "2021-09-01", "status": Case.Status.PENDING, "status_changed": "2022-05-16",
        "subjects": ("arbitrary-detention", "expression"),
        "texts": {
            "en": ("D. v. Russian Federation", "The Murmansk reporter",
                   "<p>A Murmansk reporter spent eleven months in pre-trial detention on fraud "
                   "charges that were later dropped. He argues that the real reason was his "
                   "reporting on the port's fuel contracts.</p>"),
            "ru": ("Д. против Российской Федерации", "Дело мурманского журналиста",
                   "<p>Мурманский журналист провёл одиннадцать месяцев под стражей по "
                   "обвинению в мошенничестве, от которого потом отказались. Он считает, что "
                   "настоящей причиной были его материалы о топливных контрактах порта.</p>"),
        },
        "parties": [
            (Party.Role.APPLICANT, Party.Kind.PERSON, "Roman Dyagilev", {"ru": "Роман Дягилев"},
             True),
            (Party.Role.RESPONDENT, Party.Kind.ORGANISATION, "Russian Federation",
             {"ru": "Российская Федерация"}, False),
            (Party.Role.REPRESENTATIVE, Party.Kind.PERSON, "Ilya Kortnev",
             {"ru": "Илья Кортнев"}, False),
        ],
        "events": [
            (E.FILING, "2021-09-01", "Communication sent to the Human Rights Committee",
             "Сообщение направлено в Комитет по правам человека", None, ""),
            (E.DECISION, "2022-05-16", "The Committee registers the communication",
             "Комитет зарегистрировал сообщение", None, ""),
        ],
        "documents": [
            ("communication.odt", "Communication to the Committee", "application", "2021-09-01",
             "en", "", 0,
             ("Communication under the Optional Protocol",
              "Articles 9 and 19 of the International Covenant on Civil and Political Rights",
              "Seven extensions of detention with identical reasoning")),
        ],
        "articles": ("journalist-un",),
    },
    {
        "slug": "tikhonravov", "court": "district-court", "number": "No. 1-214/2018",
        "filed": "2017-12-04", "status": Case.Status.CLOSED, "status_changed": "2018-09-18",
        "subjects": ("expression", "fair-trial"),
        "texts": {
            "en": ("The criminal case against Yegor Tikhonravov", "Tikhonravov case",
                   "<p>A Syktyvkar blogger was charged with defamation after he analysed the "
                   "city's snow clearance contracts. The Centre defended him.</p>"),
            "ru": ("Уголовное дело Егора Тихонравова", "Дело Тихонравова",
                   "<p>Сыктывкарского блогера обвинили в клевете после того, как он разобрал "
                   "городские контракты на уборку снега. Центр защищал его в суде.</p>"),
        },
        "parties": [
            (Party.Role.APPLICANT, Party.Kind.PERSON, "Yegor Tikhonravov",
             {"ru": "Егор Тихонравов"}, False),
            (Party.Role.REPRESENTATIVE, Party.Kind.PERSON, "Anna Veretennikova",
             {"ru": "Анна Веретенникова"}, False),
        ],
        "events": [
            (E.FILING, "2017-12-04", "The case is sent to the city court",
             "Дело передано в городской суд", None, ""),
            (E.HEARING, "2018-02-21", "First hearing (public)", "Первое заседание (открытое)",
             dt.time(14, 30), "Syktyvkar City Court, courtroom 6"),
            (E.JUDGMENT, "2018-06-05", "The court acquits the blogger",
             "Суд оправдал блогера", None, ""),
            (E.APPEAL, "2018-09-18", "The appeal court upholds the acquittal",
             "Апелляция оставила оправдательный приговор в силе", None, ""),
        ],
        "documents": [
            ("judgment.pdf", "Judgment of the city court (extract)", "judgment", "2018-06-05",
             "ru", "1-214/2018", 2,
             ("JUDGMENT (extract, translated)", "Case No. 1-214/2018",
              "The post relied on public procurement data and expressed an opinion.",
              "The defendant is acquitted for lack of the elements of a crime.")),
        ],
        "articles": ("blogger-hearing", "ru-blogger-hearing"),
    },
]
# fmt: on


def _editions() -> dict[str, Edition]:
    return {e.code: e for e in Edition.objects.filter(code__in=["en", "ru"])}


@transaction.atomic
def load_demo_cases(articles: dict[str, Article] | None = None) -> int:
    """Add the demo cases (once) and link them to the demo articles; return how many."""
    editions = _editions()
    if not editions or Case.objects.filter(slug__in=[c["slug"] for c in CASES]).exists():
        return 0
    articles = articles or {}
    made = 0
    for item in CASES:
        texts = [
            services.CaseText(editions[code], title, short, summary)
            for code, (title, short, summary) in item["texts"].items()
            if code in editions
        ]
        case = services.create_case(
            services.CaseData(
                slug=item["slug"], court=Court.objects.get(slug=item["court"]),
                number=item["number"], filed=_day(item["filed"]), status=item["status"],
                subjects=list(Subject.objects.filter(slug__in=item["subjects"])), texts=texts,
                parties=[services.PartyData(role, name, kind, hidden, translations)
                         for role, kind, name, translations, hidden in item["parties"]],
            )
        )  # fmt: skip
        Case.objects.filter(pk=case.pk).update(
            status_changed=dt.datetime.combine(
                _day(item["status_changed"]), dt.time(12, tzinfo=dt.UTC)
            )
        )
        events = [
            services.add_event(
                case, kind, _day(day), text, {"ru": text_ru}, time=time,
                time_zone="Europe/Moscow", venue=venue,
            )
            for kind, day, text, text_ru, time, venue in item["events"]
        ]  # fmt: skip
        for name, title, doc_type, day, language, official, event_index, lines in item["documents"]:
            if name.endswith(".pdf"):
                data = _pdf(lines)
            elif name.endswith(".docx"):
                data = _docx(lines)
            else:
                data = _odt(lines)
            services.add_document(
                case, name, data, title, doc_type=doc_type, date=_day(day), language=language,
                official_id=official, event=events[event_index],
            )  # fmt: skip
        for key in item["articles"]:
            article = articles.get(key)
            if article is not None:
                services.link_article(case, article)
        case.refresh_from_db()
        services.announce_status(case)
        made += 1
    return made
