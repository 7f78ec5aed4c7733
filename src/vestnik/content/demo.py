"""Demo content for `vestnik demo`: a fictional legal-aid NGO in English and Russian.

The organisation, its people, clients and cases are invented for this project; addresses,
phone numbers and links are placeholders (example.org, +7-900-000-xxxx).
Bodies use a light markup that `_html` turns into HTML: blocks are separated by blank
lines; "- " starts a list item, "> " a quotation and "~ " the quotation's author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from vestnik.content import services
from vestnik.content.models import (
    Article,
    Attachment,
    Contact,
    Edition,
    Event,
    Page,
    RelatedLink,
    Section,
    SiteNewsItem,
    Tag,
)
from vestnik.content.services import ArticleData, ContactData, EventData

MOSCOW = "Europe/Moscow"


def _utc(text: str) -> datetime:
    """An aware UTC datetime from "YYYY-MM-DD HH:MM"."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def _local(text: str, zone: str = MOSCOW) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone))


def _html(text: str) -> str:
    """Turn the light markup of this module into HTML (see the module docstring)."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines[0].startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        elif lines[0].startswith("> "):
            quote = " ".join(line for line in lines if not line.startswith("~ "))[2:]
            author = " ".join(line[2:] for line in lines if line.startswith("~ "))
            cite = f"<p><cite>{author}</cite></p>" if author else ""
            blocks.append(f"<blockquote><p>{quote}</p>{cite}</blockquote>")
        else:
            blocks.append(f"<p>{' '.join(lines)}</p>")
    return "\n".join(blocks)


def _pdf(lines: tuple[str, ...]) -> bytes:
    """A one-page PDF 1.4 of ASCII lines in Helvetica, with a correct cross-reference table."""
    ops = ["BT", "/F1 12 Tf", "16 TL", "56 790 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) '")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@dataclass
class DemoFile:
    title: str
    name: str  # *.pdf: a PDF of the (ASCII) lines; anything else: UTF-8 plain text
    lines: tuple[str, ...]


@dataclass
class DemoArticle:
    key: str
    section: str  # the section's path in its edition, e.g. "news/regions"
    added: str  # UTC, "YYYY-MM-DD HH:MM"
    title: str
    body: str  # light markup, see `_html`
    subtitle: str = ""
    summary: str = ""
    place: str = ""  # dateline place; no place, no dateline
    dated: str = ""  # dateline date "YYYY-MM-DD" when not the day it was added (reprints)
    tags: tuple[str, ...] = ()
    source: str = ""  # a key of SOURCES
    links: tuple[tuple[str, str], ...] = ()
    contacts: tuple[str, ...] = ()  # keys of CONTACTS[edition code]
    events: tuple[EventData, ...] = ()
    files: tuple[DemoFile, ...] = ()
    translation_of: str = ""  # key of the English original
    draft: bool = False
    in_site_news: bool = True


# The data below is laid out by hand for reading; the formatter leaves it alone.
# fmt: off
EDITIONS = {
    "en": ("Northern Legal Aid Centre",
           "Legal help, litigation and prison monitoring in Russia's North since 2009"),
    "ru": ("Северный центр правовой помощи",
           "Юридическая помощь, защита в суде и общественный мониторинг на Севере с 2009 года"),
}

# (slug, title, parent slug, description); parents come before their children.
SECTIONS = {
    "en": [
        ("news", "News", "", "Our cases, our work and the news of the regions."),
        ("regions", "Regions", "news", "Karelia, Arkhangelsk, Murmansk, Vologda and Komi."),
        ("press-releases", "Press releases", "", "Statements and announcements for the media."),
        ("court-cases", "Court cases", "", "Cases we take to court, at home and abroad."),
        ("publications", "Publications", "", "Guides, leaflets and studies."),
        ("reports", "Reports", "publications", "Research and annual reports."),
        ("events", "Events", "", "Schools, lectures and public meetings."),
    ],
    "ru": [
        ("novosti", "Новости", "", "Наши дела, наша работа и новости регионов."),
        ("regiony", "Регионы", "novosti", "Карелия, Архангельск, Мурманск, Вологда и Коми."),
        ("press-relizy", "Пресс-релизы", "", "Заявления и анонсы для журналистов."),
        ("sudebnye-dela", "Судебные дела", "", "Дела, которые мы ведём в судах."),
        ("publikatsii", "Публикации", "", "Памятки, пособия и исследования."),
        ("doklady", "Доклады", "publikatsii", "Исследования и годовые отчёты."),
        ("sobytiya", "События", "", "Школы, лекции и открытые встречи."),
    ],
}

SOURCES = {
    "bmp": ("Baltic Monitor of Prisons", "https://example.org/baltic-monitor"),
    "cwn": ("Citizens' Watch Network", "https://example.org/citizens-watch"),
    "ahrf": ("Arctic Human Rights Forum", "https://example.org/arctic-forum"),
    "pdb": ("Public Defenders' Bulletin", "https://example.org/defenders-bulletin"),
    "imld": ("Independent Media Legal Desk", "https://example.org/media-legal-desk"),
    "gk": ("Сеть «Гражданский контроль»", "https://example.org/grazhdansky-kontrol"),
}

CONTACTS = {
    "en": {
        "press": ContactData("Daria Mukhina", "Petrozavodsk", "Russian, English",
                             ("+7-900-000-1201 (mobile)", "+7-900-000-1200 (office)"),
                             "press@example.org", "Press officer"),
        "sergei": ContactData("Sergei Beloborodov", "Petrozavodsk", "Russian, English",
                              ("+7-900-000-1202 (office)",), "director@example.org", "Director"),
        "anna": ContactData("Anna Veretennikova", "Petrozavodsk", "Russian, English, Finnish",
                            ("+7-900-000-1214 (mobile)",), "a.veretennikova@example.org",
                            "Lawyer"),
        "pavel": ContactData("Pavel Lisitsyn", "Arkhangelsk", "Russian, English",
                             ("+7-900-000-1322 (mobile)", "+7-900-000-1320 (office, weekdays)"),
                             "p.lisitsyn@example.org", "Lawyer"),
        "ilya": ContactData("Ilya Kortnev", "Murmansk", "Russian, Norwegian",
                            ("+7-900-000-1431 (mobile)",), "i.kortnev@example.org", "Lawyer"),
        "olga": ContactData("Olga Rudneva", "Vologda", "Russian",
                            ("+7-900-000-1545 (mobile, also Signal)",), "o.rudneva@example.org",
                            "Lawyer"),
        "tatiana": ContactData("Tatiana Zhuravleva", "Petrozavodsk", "Russian, English, German",
                               ("+7-900-000-1260 (mobile)",), "school@example.org",
                               "Education programmes"),
    },
    "ru": {
        "press": ContactData("Дарья Мухина", "Петрозаводск", "русский, английский",
                             ("+7-900-000-1201 (мобильный)", "+7-900-000-1200 (офис)"),
                             "press@example.org", "Пресс-секретарь"),
        "sergei": ContactData("Сергей Белобородов", "Петрозаводск", "русский, английский",
                              ("+7-900-000-1202 (офис)",), "director@example.org", "Директор"),
        "anna": ContactData("Анна Веретенникова", "Петрозаводск", "русский, английский, финский",
                            ("+7-900-000-1214 (мобильный)",), "a.veretennikova@example.org",
                            "Юрист"),
        "pavel": ContactData("Павел Лисицын", "Архангельск", "русский, английский",
                             ("+7-900-000-1322 (мобильный)", "+7-900-000-1320 (офис, по будням)"),
                             "p.lisitsyn@example.org", "Юрист"),
        "ilya": ContactData("Илья Кортнев", "Мурманск", "русский, норвежский",
                            ("+7-900-000-1431 (мобильный)",), "i.kortnev@example.org", "Юрист"),
        "olga": ContactData("Ольга Руднева", "Вологда", "русский",
                            ("+7-900-000-1545 (мобильный, есть Signal)",),
                            "o.rudneva@example.org", "Юрист"),
        "tatiana": ContactData("Татьяна Журавлёва", "Петрозаводск",
                               "русский, английский, немецкий", ("+7-900-000-1260 (мобильный)",),
                               "school@example.org", "Образовательные программы"),
    },
}

# Event times are local; Moscow time covers every city of the demo.
SUMMER_SCHOOL = _local("2015-07-13 10:00")
NEWS_CONFERENCE = _local("2016-01-27 12:00")
HEARING = _local("2018-02-21 14:30")
LECTURE = _local("2023-10-26 18:30")
WINTER_SCHOOL = _local("2027-01-25 10:00")

EN_ARTICLES = [
    DemoArticle(
        key="reception", section="news", added="2014-03-12 09:00", place="Petrozavodsk",
        title="Northern Legal Aid Centre opens a public reception in Petrozavodsk",
        subtitle="Free consultations on detention, prison and police cases, twice a week",
        summary="Our lawyers see visitors every Tuesday and Thursday; no appointment is needed.",
        tags=("legal aid", "police", "prisons"), contacts=("anna", "press"),
        body="""From 18 March the Centre receives visitors at its new office on Sosnovaya
        Street. Two lawyers are on duty on Tuesdays and Thursdays from 11:00 to 17:00 and advise,
        free of charge, anyone whose rights were violated by police, investigators or prison staff.

        Until now we worked mostly by post and telephone. Over the last year more than four
        hundred letters reached us from the colonies and detention centres of the region.

        > A letter takes two weeks to arrive and two more to answer. When a person is in a
        cell without a mattress, that is too long.
        ~ Anna Veretennikova, lawyer of the Centre

        Bring copies of your documents: court decisions, replies of the prosecutor's office,
        medical certificates. The rules are on our
        <a href="https://example.org/nlac/reception">reception page</a>."""),
    DemoArticle(
        key="cold-cell", section="court-cases", added="2014-09-30 14:20", place="Arkhangelsk",
        title="Court awards compensation to a detainee held in an unheated cell",
        subtitle="The temporary detention facility kept the heating off for eleven days",
        summary="A district court ordered the Treasury to pay 60,000 roubles to Nikolai K., "
                "who spent eleven days in a cell at nine degrees.",
        tags=("detention", "compensation", "prisons"),
        body="""A district court in Arkhangelsk has ruled that the conditions in which Nikolai
        K. was held at a temporary detention facility in October 2013 were degrading, and
        awarded him 60,000 roubles: the first such award in the region that we know of.

        According to the facility's own log, the temperature in his cell never rose above nine
        degrees. He was given no warm clothing and slept on a bench without a mattress.

        > The sum is modest, but the court said plainly what the police would not: a cold cell
        is not a technical problem, it is ill-treatment.
        ~ Pavel Lisitsyn, his lawyer

        The Ministry of Finance may appeal within one month. We will report on the outcome."""),
    DemoArticle(
        key="vologda-overcrowding", section="news/regions", added="2015-02-17 11:00",
        dated="2015-02-10", place="Vologda", source="bmp",
        title="Monitors find overcrowding in the Vologda pre-trial detention centre",
        subtitle="Up to fourteen people in cells designed for eight",
        summary="The Baltic Monitor of Prisons visited the detention centre in early February.",
        tags=("prisons", "detention", "health care"),
        body="""<em>Reprinted with the kind permission of the Baltic Monitor of Prisons.</em>

        Members of the public monitoring commission visited the detention centre on 6 and 7
        February. In nine of the twenty cells inspected there were more detainees than beds;
        in two cells people slept in turns.

        The medical unit had one doctor for more than eight hundred detainees, and the wait for
        a dentist reached three months. Several detainees said their requests to see a doctor
        were never registered.

        The commission has sent its findings to the regional prosecutor. Read the
        <a href="https://example.org/baltic-monitor/vologda-2015">full text</a>."""),
    DemoArticle(
        key="summer-school", section="events", added="2015-06-04 08:30", place="Petrozavodsk",
        title="Summer school for young lawyers: applications open",
        subtitle="Five days on detention law, the European Convention and strategic litigation",
        summary="Twenty law students and young lawyers will study with practising human-rights "
                "lawyers on the shore of Lake Onega.",
        tags=("training", "legal aid", "European Court"), contacts=("tatiana", "anna"),
        events=(EventData("Summer School for Young Lawyers", SUMMER_SCHOOL,
                          "Lakeside Youth Centre", "12 Sosnovaya Street, Petrozavodsk", MOSCOW),),
        body="""We invite final-year law students and lawyers with up to three years of
        practice to our first summer school, from 13 to 17 July near Petrozavodsk. The programme:

        - the rights of detainees in the first hours after arrest;
        - complaints against the police and the prosecutor's office;
        - preparing an application to the European Court of Human Rights;
        - working with the media without harming the client.

        Participation, accommodation and meals are free; travel within the North-West is
        reimbursed. Send a short CV and a one-page essay on a case you would like to take to
        court to school@example.org by 25 June."""),
    DemoArticle(
        key="press-conference", section="press-releases", added="2016-01-21 10:00",
        place="Petrozavodsk",
        title="News conference: a year of monitoring police stations",
        subtitle="Our observers visited 46 police stations in Karelia and the Arkhangelsk region",
        summary="On 27 January we present the results of a year of monitoring police stations.",
        tags=("police", "detention", "torture"), contacts=("press", "pavel", "sergei"),
        events=(EventData("News conference on police station monitoring", NEWS_CONFERENCE,
                          "Sever-Media press centre", "7 Gagarina Street, Petrozavodsk", MOSCOW),),
        body="""The Centre will hold a news conference on Wednesday, 27 January, to present the
        results of its first year of monitoring police stations.

        In 2015, pairs of trained volunteers made 112 visits to 46 stations. They checked
        whether detainees were told of their rights, could call relatives and a lawyer, and
        whether the records matched the people actually in the cells.

        In almost a third of the visits, the observers found people held for more than three
        hours without any record of their detention.

        Speakers: Sergei Beloborodov, director; Pavel Lisitsyn, lawyer; two volunteer observers.
        Journalists are asked to register by email by 26 January."""),
    DemoArticle(
        key="lawyer-access", section="publications/reports", added="2016-05-11 09:00",
        place="Petrozavodsk",
        title="Report: access to a lawyer in the first hours of detention",
        subtitle="In four cases out of ten, the lawyer arrived after the first interrogation",
        summary="Our report analyses 230 criminal cases from three regions and proposes changes "
                "to police practice.",
        tags=("legal aid", "fair trial", "police", "detention"),
        links=(("Full report (PDF)", "https://example.org/nlac/reports/lawyer-access-2016.pdf"),
               ("Model rules on legal aid in police custody",
                "https://example.org/standards/police-custody")),
        files=(DemoFile("Report summary (PDF)", "lawyer-access-summary.pdf", (
            "Northern Legal Aid Centre", "The First Hours: access to a lawyer after detention",
            "Summary, May 2016", "", "230 criminal case files from three regions were examined.",
            "41% of suspects were questioned before a lawyer was present.", "",
            "Demo document: the organisation and the figures are fictional.")),),
        body="""Our report "The First Hours" is based on 230 criminal case files from Karelia,
        the Arkhangelsk and Murmansk regions, examined with the consent of the defendants.

        - in 41 per cent of cases, the suspect was questioned before a lawyer was present;
        - appointed lawyers met their clients in private for less than ten minutes on average;
        - in 19 cases, a confession made without a lawyer became the main evidence.

        > The law promises a lawyer "from the moment of actual detention". In practice the
        clock starts when the paperwork starts, and that can be hours later.
        ~ from the report

        We recommend recording the time of arrest at the scene, a written notice of rights in a
        language the detainee understands, and a duty-lawyer roster for nights and weekends."""),
    DemoArticle(
        key="murmansk-rally", section="news", added="2016-11-02 13:00", dated="2016-10-30",
        place="Murmansk", source="cwn",
        title="Observers describe detentions at a rally in Murmansk",
        subtitle="Seventeen people were taken to police stations after a peaceful protest",
        summary="Citizens' Watch Network observers were at the rally and published their account.",
        tags=("freedom of assembly", "police", "detention"),
        body="""<em>Reprinted from Citizens' Watch Network.</em>

        About two hundred people gathered on Sunday in the centre of Murmansk to protest against
        a waste-processing plant planned near the city's reservoir. The rally had been notified
        to the authorities, who had not objected.

        Shortly after the speeches began, police said the rally had exceeded the permitted area
        and, without a further warning, detained seventeen people, including two teenagers and a
        journalist wearing a press badge.

        Our observers saw no violence by the protesters. Twelve of those detained were charged
        with breaching the rules on public events; lawyer Ilya Kortnev will defend them."""),
    DemoArticle(
        key="fisherman", section="court-cases", added="2017-04-19 15:00", place="Kandalaksha",
        title="European Court communicates the case of a fisherman from Kandalaksha",
        subtitle="The applicant says he was beaten at a police station to make him confess",
        summary="The Court asks the Government whether the applicant was ill-treated and whether "
                "the investigation was effective.",
        tags=("European Court", "torture", "police"),
        links=(("Communicated case: statement of facts",
                "https://example.org/echr/communicated/fisherman"),
               ("Our complaint to the Investigative Committee, 2014",
                "https://example.org/nlac/cases/kandalaksha-2014")),
        body="""The European Court of Human Rights has communicated to the Government the
        application of Viktor S., a fisherman from Kandalaksha represented by the Centre.

        In August 2013 Viktor S. was detained on suspicion of illegal fishing. At the police
        station, he says, two officers beat him and held a plastic bag over his head until he
        signed a confession. A medical examination the next day recorded bruises on his ribs.

        The investigators refused eleven times to open a criminal case against the officers.
        Each refusal was quashed, and each time the inquiry was closed again in almost the same
        words.

        The Court asks whether the applicant was tortured and whether the investigation was
        effective. The Government has until August to reply."""),
    DemoArticle(
        key="reindeer-herders", section="news/regions", added="2017-09-08 10:30",
        dated="2017-08-29", place="Naryan-Mar", source="ahrf",
        title="Reindeer herders challenge the lease of their pastures",
        subtitle="Families from the tundra say they were never consulted",
        summary="The Arctic Human Rights Forum reports on a land dispute in the far north.",
        tags=("indigenous peoples", "fair trial"),
        body="""<em>Reprinted from the Arctic Human Rights Forum.</em>

        Five families of reindeer herders have asked a court to annul the lease of 3,400
        hectares of their traditional pastures to a mineral exploration company, saying the law
        required public consultations that never took place.

        The herders learned of the lease when survey teams arrived with tracked vehicles in the
        middle of the calving season and damaged the moss the herds depend on in winter.

        > We are not against anyone working here. We are against being the last to know.
        ~ one of the herders

        The hearing is set for October. The Forum has asked the UN Special Rapporteur on the
        rights of indigenous peoples to follow the case."""),
    DemoArticle(
        key="blogger-hearing", section="press-releases", added="2018-02-14 09:00",
        place="Syktyvkar",
        title="Hearing in the case of a Syktyvkar blogger set for 21 February",
        subtitle="Yegor Tikhonravov is charged over a post on the city's snow clearance contracts",
        summary="The city court hears the case of a blogger accused of defaming an official; "
                "we ask journalists to attend.",
        tags=("freedom of expression", "journalists", "fair trial"), contacts=("anna", "press"),
        events=(EventData("Court hearing in the Tikhonravov case", HEARING,
                          "Syktyvkar City Court, courtroom 6", "3 Pravdy Street, Syktyvkar",
                          MOSCOW),),
        body="""The city court of Syktyvkar holds the first hearing in the criminal case
        against the blogger Yegor Tikhonravov on 21 February at 14:30. The hearing is public.

        Mr Tikhonravov analysed the city's snow clearance contracts and suggested that one
        company won them without a real tender. The deputy head of the city administration,
        named in the post, accused him of defamation.

        > Criticism of how public money is spent is exactly the kind of speech that deserves
        the strongest protection.
        ~ Anna Veretennikova, defence lawyer

        The defence will argue that the post relied on public procurement data and expressed an
        opinion. Journalists, please bring a press card: the court may limit seats."""),
    DemoArticle(
        key="protest-guide", section="publications", added="2019-03-05 09:00",
        place="Petrozavodsk",
        title="Guide: what to do if you are detained at a protest",
        subtitle="A two-page leaflet to print, fold and keep in your pocket",
        summary="Our updated guide explains your rights at the police station, step by step.",
        tags=("freedom of assembly", "police", "legal aid"),
        files=(DemoFile("Leaflet: if you are detained (PDF)", "detained-at-a-protest.pdf", (
            "IF YOU ARE DETAINED", "", "1. Stay calm. Do not resist physically.",
            "2. Ask for the officers' names and the reason for the detention.",
            "3. Ask to call a relative and a lawyer, and to have this recorded.",
            "4. Do not sign what you have not read. Write: I disagree.",
            "5. You may refuse to testify against yourself.", "",
            "Hotline: +7-900-000-1299 (demo number)")),),
        body="""We have updated our leaflet for people who go to rallies, pickets and marches.
        It is short on purpose: you can read it in a police van.

        - stay calm and do not resist physically, even if the detention seems unlawful;
        - ask for the officers' names and the reason for the detention;
        - you may call a relative and a lawyer: ask for this to be recorded;
        - do not sign anything you have not read; write "I disagree" if you disagree;
        - you may refuse to testify against yourself (Article 51 of the Constitution).

        Write the hotline number on your arm before you go: +7-900-000-1299. The leaflet is
        attached; print and share it freely."""),
    DemoArticle(
        key="remote", section="news", added="2020-04-09 10:00", place="Petrozavodsk",
        title="Our lawyers move consultations online during the lockdown",
        subtitle="The reception is closed, but the hotline, messengers and video calls work",
        summary="From 6 April we consult only remotely; letters from prisons are answered.",
        tags=("legal aid", "prisons"),
        body="""Following the regional restrictions, our reception on Sosnovaya Street is closed
        until further notice. Our lawyers consult by telephone, messenger and video call.

        We are worried about people in prisons and detention centres, where visits by relatives
        and lawyers are suspended. If a detained relative is ill and not seen by a doctor, call
        the hotline: we send urgent complaints to the prosecutor's office the same day.

        Lockdown rules do not suspend procedural rights. Court deadlines missed because of the
        restrictions may be restored on request; ask us how."""),
    DemoArticle(
        key="prison-visits", section="news/regions", added="2020-11-23 12:00",
        dated="2020-11-16", place="Arkhangelsk", source="pdb",
        title="Families of prisoners left without visits for eight months",
        subtitle="Video calls were promised instead but are available in few colonies",
        summary="The Public Defenders' Bulletin surveyed relatives of prisoners in the region.",
        tags=("prisons", "health care"),
        body="""<em>Reprinted from the Public Defenders' Bulletin.</em>

        Since March, visits in the colonies of the Arkhangelsk region have been suspended. The
        Bulletin spoke to thirty-two families; none had seen their relative since the winter.

        Video calls, announced as a replacement, were available in two colonies out of nine,
        had to be booked weeks ahead and lasted fifteen minutes.

        > My son was transferred in February. I have not heard his voice since.
        ~ a mother from Kotlas

        The Bulletin calls for visits to resume with health precautions, as in several other
        regions, and for free video calls in every colony."""),
    DemoArticle(
        key="search-statement", section="press-releases", added="2021-06-15 18:00",
        place="Vologda",
        title="Statement on the search of our partners' office in Vologda",
        summary="Police seized the computers and case files of a legal aid group we work with.",
        tags=("human rights defenders", "legal aid", "police"),
        contacts=("sergei", "press", "olga"),
        body="""This morning police searched the office of Open Door, a legal aid group in
        Vologda we have worked with since 2015. Officers seized three computers, a server and
        the files of ongoing cases. None of the group's lawyers is a suspect in the case.

        Lawyers' files hold privileged information about clients, among them people who
        complained of torture by police officers. Their seizure puts these clients at risk.
        We demand:

        - the immediate return of the seized case files and equipment;
        - a judicial review of the lawfulness of the search;
        - guarantees that privileged information will not be used.

        We stand with our colleagues, and our lawyers are ready to assist them."""),
    DemoArticle(
        key="annual-2021", section="publications/reports", added="2021-12-10 09:00",
        place="Petrozavodsk", title="Annual report 2021",
        subtitle="412 clients, 96 court cases, 5 applications to international bodies",
        summary="What we did in 2021, what we won, what we lost, and how we spent the money.",
        tags=("legal aid", "human rights defenders"),
        links=(("Annual report 2020", "https://example.org/nlac/reports/annual-2020"),
               ("Financial statement 2021", "https://example.org/nlac/reports/finance-2021")),
        files=(DemoFile("Annual report 2021 (PDF)", "annual-report-2021.pdf", (
            "Northern Legal Aid Centre - Annual report 2021", "", "Clients helped: 412",
            "Court cases: 96 (58 won fully or in part)", "Hotline calls: 1,900", "",
            "Demo document: the organisation and the figures are fictional.")),),
        body="""2021 was the busiest year in the Centre's history. Seven lawyers and forty
        volunteers helped 412 people and took 96 cases to court; 58 ended fully or partly in the
        client's favour.

        - compensation for degrading detention conditions in 14 cases;
        - three police officers convicted of abuse of power after our clients' complaints;
        - five applications to the European Court and the UN Human Rights Committee;
        - 1,900 hotline calls and 640 letters from prisons answered.

        The year also brought the search of our partners in Vologda and new reporting duties.
        The full report, with the financial statement, is attached. Thank you for your
        support."""),
    DemoArticle(
        key="journalist-un", section="court-cases", added="2022-05-18 11:00", place="Murmansk",
        title="UN Human Rights Committee registers the complaint of a detained journalist",
        summary="Were eleven months of pre-trial detention of a Murmansk reporter arbitrary?",
        tags=("UN", "journalists", "detention"),
        body="""The UN Human Rights Committee has registered the communication of Roman D., a
        Murmansk reporter held in pre-trial detention from March 2020 to February 2021 on fraud
        charges that were later dropped.

        The courts extended his detention seven times with identical reasoning, never
        considering house arrest or bail. The complaint argues that the real reason was his
        reporting on the port's fuel contracts.

        Since Russia left the Council of Europe, the UN treaty bodies are one of the few
        international avenues still open. Lawyer Ilya Kortnev says the Committee's views matter
        for the record and for the applicant's rehabilitation."""),
    DemoArticle(
        key="accreditation", section="news", added="2023-03-02 10:00", dated="2023-02-20",
        place="Moscow", source="imld", in_site_news=False,
        title="Refused accreditation: what the law says",
        subtitle="When may a state body refuse to accredit a journalist?",
        summary="An explainer from the Independent Media Legal Desk, reprinted for the regions.",
        tags=("journalists", "freedom of expression"),
        body="""<em>Reprinted from the Independent Media Legal Desk.</em>

        Several regional journalists told us that their accreditation to assembly or council
        meetings had been refused without explanation. The media law allows refusal only on
        limited grounds, and a refusal without reasons can be challenged:

        - ask for the refusal in writing, with the grounds;
        - check the body's published accreditation rules;
        - file an administrative claim within three months.

        Sessions of legislative bodies are in principle public: accreditation is a convenience,
        not a condition for reporting."""),
    DemoArticle(
        key="open-lecture", section="events", added="2023-10-12 09:00", place="Arkhangelsk",
        title="Open lecture: the right to a fair trial, explained with real cases",
        subtitle="Free entry; the lecture will also be streamed",
        summary="On 26 October lawyer Pavel Lisitsyn explains what a fair trial means in "
                "everyday court practice.",
        tags=("fair trial", "training"), contacts=("pavel", "tatiana"),
        events=(EventData("Open lecture: the right to a fair trial", LECTURE,
                          "Pomorye Library, reading room 2",
                          "15 Tsentralnaya Street, Arkhangelsk", MOSCOW),),
        body="""What does a fair trial mean for someone who has never been in court? Who decides
        which witnesses are heard? Can a judge refuse to add your documents to the file?

        On Thursday, 26 October, Pavel Lisitsyn, a lawyer with fifteen years of practice, will
        answer these questions with cases from Arkhangelsk courts. No legal knowledge is needed.

        Entry is free, but places are limited: register at events@example.org. The lecture is
        streamed on our <a href="https://example.org/nlac/live">video channel</a>."""),
    DemoArticle(
        key="fifteen-years", section="news", added="2024-06-20 10:00", place="Petrozavodsk",
        title="Fifteen years of the Northern Legal Aid Centre",
        subtitle="From two lawyers in a borrowed office to a network in four regions",
        summary="Our director looks back at fifteen years and thanks those who made them possible.",
        tags=("human rights defenders", "legal aid"),
        body="""The Centre was founded in June 2009 by two lawyers who kept meeting the same
        problem: people lost cases not because they were guilty, but because no one explained
        their rights to them in time.

        Today we have lawyers in Petrozavodsk, Arkhangelsk, Murmansk and Vologda, a hotline run
        by volunteers, and more than three thousand clients behind us.

        > We counted our victories once. Then we realised that the number that matters is how
        many people got an answer when they needed one.
        ~ Sergei Beloborodov, director

        Thank you to our clients, volunteers and the individual donors who have supported us
        since 2022. On 29 June, friends of the Centre are welcome at our office for tea."""),
    DemoArticle(
        key="karelia-medical", section="news/regions", added="2025-02-27 11:00",
        dated="2025-02-18", place="Petrozavodsk", source="bmp",
        title="Medical care in the penal colonies of Karelia: new findings",
        subtitle="Monitors counted vacancies, waiting times and refused hospital transfers",
        summary="A third of the medical posts in the colonies are vacant, the Monitor found.",
        tags=("prisons", "health care"),
        links=(("Baltic Monitor of Prisons: the full study",
                "https://example.org/baltic-monitor/karelia-health-2025"),
               ("Our guide for relatives of sick prisoners",
                "https://example.org/nlac/guides/sick-prisoners")),
        body="""<em>Reprinted from the Baltic Monitor of Prisons.</em>

        The Monitor studied medical care in six colonies of Karelia in the second half of 2024,
        using official replies, interviews with former prisoners and complaint records.

        - 34 per cent of the medical posts are vacant;
        - the average wait for a specialist is 47 days;
        - transfers to civilian hospitals were refused in 22 of 61 documented cases.

        The Monitor recommends that regional health authorities take over prison medicine and
        that refused hospital transfers be open to quick judicial review."""),
    DemoArticle(
        key="winter-school", section="events", added="2026-09-15 10:00", place="Murmansk",
        title="Winter school on strategic litigation: apply by 15 December",
        subtitle="A week in Murmansk for lawyers who take cases beyond the first instance",
        summary="From 25 to 29 January 2027: how to choose, build and carry a case to the "
                "highest courts and UN bodies.",
        tags=("training", "UN", "fair trial"), contacts=("tatiana", "ilya"),
        events=(EventData("Winter School on Strategic Litigation", WINTER_SCHOOL,
                          "Polar Dawn Hotel, conference hall", "3 Portovaya Street, Murmansk",
                          MOSCOW),),
        body="""We invite lawyers with at least two years of practice to our winter school on
        strategic litigation, in Murmansk from 25 to 29 January 2027.

        Strategic cases can change a practice, not only help one client. Participants work in
        small groups on anonymised cases from our files. Topics include:

        - selecting cases and clients, and informed consent;
        - building the evidence from the first instance;
        - the Constitutional Court and the UN treaty bodies;
        - protecting clients and yourself when a case attracts attention.

        Accommodation and meals are covered. Apply to school@example.org by 15 December 2026."""),
    DemoArticle(
        key="draft-annual-2026", section="publications/reports", added="2026-11-10 09:00",
        title="Annual report 2026 (outline)", draft=True, tags=("legal aid",),
        summary="Outline for the editorial team; not for publication yet.",
        body="""Structure agreed at the staff meeting:

        - numbers: clients, cases, hotline, letters;
        - three client stories (ask for consent again);
        - finances and plans for 2027.

        Fourth-quarter figures are still being collected. First full text by 20 December."""),
    DemoArticle(
        key="draft-interview", section="news", added="2026-11-25 15:00", draft=True,
        title="Interview: a night on the hotline",
        subtitle="Coordinator Maxim Yeltsov on what callers ask at three in the morning",
        tags=("legal aid", "human rights defenders"),
        body="""[Interview text to be approved by Maxim.]

        The hardest call? "A mother who had been looking for her son for two days. We found him
        in a detention centre in the next region within an hour."

        Photos: ask the hotline team who agrees to be shown."""),
]

RU_ARTICLES = [
    DemoArticle(
        key="ru-reception", translation_of="reception", section="novosti",
        added="2014-03-12 09:30", place="Петрозаводск",
        title="Северный центр правовой помощи открыл приёмную в Петрозаводске",
        subtitle="Бесплатные консультации по делам о задержаниях, тюрьмах и полиции",
        summary="Юристы Центра принимают посетителей по вторникам и четвергам без записи.",
        tags=("юридическая помощь", "полиция", "тюрьмы"), contacts=("anna", "press"),
        body="""С 18 марта Центр принимает посетителей в новом офисе на Сосновой улице. По
        вторникам и четвергам с 11:00 до 17:00 два юриста бесплатно консультируют всех, чьи
        права нарушили полицейские, следователи или сотрудники мест заключения.

        До сих пор мы работали в основном по почте и по телефону. За год из колоний и СИЗО
        региона пришло более четырёхсот писем.

        > Письмо идёт две недели, и ещё две недели идёт ответ. Когда человек сидит в камере без
        матраса, это слишком долго.
        ~ Анна Веретенникова, юрист Центра

        Возьмите копии документов: решения судов, ответы прокуратуры, медицинские справки.
        Правила — на <a href="https://example.org/nlac/ru/priyom">странице приёмной</a>."""),
    DemoArticle(
        key="ru-cold-cell", translation_of="cold-cell", section="sudebnye-dela",
        added="2014-10-01 08:00", place="Архангельск",
        title="Суд присудил компенсацию задержанному, которого держали в холодной камере",
        subtitle="В изоляторе временного содержания одиннадцать дней не работало отопление",
        summary="Суд взыскал 60 000 рублей в пользу Николая К., который провёл одиннадцать "
                "дней в камере при температуре +9 °C.",
        tags=("задержание", "компенсация", "тюрьмы"),
        body="""Районный суд Архангельска признал унижающими достоинство условия, в которых
        Николай К. содержался в ИВС в октябре 2013 года, и взыскал в его пользу 60 000 рублей.
        Насколько нам известно, это первое такое решение в регионе.

        По журналу самого изолятора, температура в камере не поднималась выше девяти градусов.
        Тёплой одежды не выдали, спал он на скамье без матраса.

        > Сумма скромная, но суд прямо сказал то, чего не хотела признавать полиция: холодная
        камера — это не техническая проблема, а жестокое обращение.
        ~ Павел Лисицын, представитель заявителя

        Минфин может обжаловать решение в течение месяца. Мы сообщим о результате."""),
    DemoArticle(
        key="ru-summer-school", translation_of="summer-school", section="sobytiya",
        added="2015-06-04 09:00", place="Петрозаводск",
        title="Летняя школа для молодых юристов: открыт приём заявок",
        subtitle="Пять дней о правах задержанных, Европейской конвенции и стратегических делах",
        summary="Двадцать студентов и молодых юристов будут учиться у практикующих "
                "правозащитников на берегу Онежского озера.",
        tags=("обучение", "юридическая помощь", "ЕСПЧ"), contacts=("tatiana", "anna"),
        events=(EventData("Летняя школа для молодых юристов", SUMMER_SCHOOL,
                          "Молодёжный центр «Прибрежный»", "Петрозаводск, ул. Сосновая, 12",
                          MOSCOW),),
        body="""Приглашаем студентов старших курсов и юристов со стажем до трёх лет на нашу
        первую летнюю школу. Она пройдёт с 13 по 17 июля под Петрозаводском. В программе:

        - права задержанного в первые часы после ареста;
        - жалобы на полицию и прокуратуру;
        - подготовка жалобы в Европейский суд по правам человека;
        - работа со СМИ без вреда для доверителя.

        Участие, проживание и питание бесплатны, дорога по Северо-Западу компенсируется.
        Резюме и эссе на одну страницу о деле, которое вы хотели бы довести до суда,
        присылайте до 25 июня на school@example.org."""),
    DemoArticle(
        key="ru-ivs-karelia", section="novosti/regiony", added="2015-11-12 11:00",
        dated="2015-11-05", place="Петрозаводск", source="gk",
        title="Наблюдатели проверили условия в изоляторе временного содержания",
        subtitle="В камерах нет дневного света, прогулочный двор не используется",
        summary="Отчёт сети «Гражданский контроль» о посещении ИВС в Карелии.",
        tags=("задержание", "тюрьмы"),
        body="""<em>Публикуется с разрешения сети «Гражданский контроль».</em>

        Члены общественной наблюдательной комиссии посетили ИВС в одном из районов Карелии. В
        шести камерах из восьми нет окон с дневным светом, вентиляция не работает.

        Прогулочный двор, по словам задержанных, не используется с лета: сотрудники ссылаются
        на нехватку конвоя. Люди проводят в изоляторе до десяти суток, не выходя на воздух.

        Наблюдатели направили заключение прокурору республики и попросили проверить, как
        соблюдается право на ежедневную прогулку."""),
    DemoArticle(
        key="ru-press-conference", translation_of="press-conference", section="press-relizy",
        added="2016-01-21 10:30", place="Петрозаводск",
        title="Пресс-конференция: год общественного мониторинга отделов полиции",
        subtitle="Наблюдатели посетили 46 отделов полиции в Карелии и Архангельской области",
        summary="27 января мы представим итоги первого года мониторинга отделов полиции.",
        tags=("полиция", "задержание", "пытки"), contacts=("press", "pavel", "sergei"),
        events=(EventData("Пресс-конференция об итогах мониторинга отделов полиции",
                          NEWS_CONFERENCE, "Пресс-центр «Север-Медиа»",
                          "Петрозаводск, ул. Гагарина, 7", MOSCOW),),
        body="""В среду, 27 января, Центр проведёт пресс-конференцию и представит итоги первого
        года мониторинга отделов полиции.

        В 2015 году пары обученных волонтёров совершили 112 визитов в 46 отделов. Они
        проверяли, разъясняют ли задержанным права, дают ли позвонить родственникам и адвокату,
        совпадают ли записи в журналах с теми, кто на самом деле сидит в камерах.

        Почти в трети визитов наблюдатели встречали людей, которые провели в отделе больше трёх
        часов без всякого оформления задержания.

        Спикеры: Сергей Белобородов, директор Центра; юрист Павел Лисицын; двое волонтёров.
        Просим журналистов зарегистрироваться по электронной почте до 26 января."""),
    DemoArticle(
        key="ru-lawyer-access", translation_of="lawyer-access", section="publikatsii/doklady",
        added="2016-05-11 09:30", place="Петрозаводск",
        title="Доклад: доступ к адвокату в первые часы после задержания",
        subtitle="В четырёх случаях из десяти адвокат появлялся уже после первого допроса",
        summary="Новый доклад Центра основан на анализе 230 уголовных дел из трёх регионов.",
        tags=("юридическая помощь", "справедливый суд", "полиция", "задержание"),
        links=(("Полный текст доклада (PDF)",
                "https://example.org/nlac/reports/lawyer-access-2016-ru.pdf"),
               ("Типовые правила юридической помощи в полиции",
                "https://example.org/standards/police-custody-ru")),
        files=(DemoFile("Краткое изложение доклада", "pervye-chasy.txt", (
            "Северный центр правовой помощи", "Доклад «Первые часы». Краткое изложение", "",
            "Изучено 230 уголовных дел из трёх регионов.",
            "В 41% дел подозреваемого допрашивали до появления адвоката.", "",
            "Демонстрационный документ: организация и цифры вымышлены.")),),
        body="""Доклад «Первые часы» подготовлен на основе 230 уголовных дел из Карелии,
        Архангельской и Мурманской областей, изученных с согласия обвиняемых.

        - в 41% дел подозреваемого допрашивали до появления адвоката;
        - адвокаты по назначению беседовали с подзащитными наедине меньше десяти минут;
        - в 19 делах признание, данное без адвоката, стало главным доказательством.

        > Закон обещает адвоката «с момента фактического задержания». На практике отсчёт
        начинается с оформления бумаг, а это может быть на несколько часов позже.
        ~ из доклада

        Мы рекомендуем фиксировать время задержания на месте, выдавать письменную памятку о
        правах на понятном задержанному языке и организовать ночные дежурства адвокатов."""),
    DemoArticle(
        key="ru-advokat", section="sudebnye-dela", added="2017-02-08 14:00", place="Мурманск",
        title="Суд признал незаконным отказ адвокату в свидании с подзащитным",
        subtitle="Сотрудники СИЗО ссылались на «отсутствие свободных кабинетов»",
        summary="Суд встал на сторону адвоката, который трижды не смог попасть к подзащитному.",
        tags=("справедливый суд", "юридическая помощь", "тюрьмы"),
        body="""Суд в Мурманске признал незаконными действия администрации СИЗО, которая трижды
        за неделю не пустила юриста Центра Илью Кортнева к подзащитному.

        Каждый раз дежурный говорил, что свободных кабинетов нет, и предлагал прийти завтра.
        Между тем закон не ограничивает число свиданий с защитником, а нехватка помещений —
        проблема администрации, а не обвиняемого.

        > Человек под стражей, а у следствия идут сроки. Каждый день без адвоката — день, когда
        он один на один с обвинением.
        ~ Илья Кортнев

        Копию решения мы направили в управление ФСИН с предложением ввести запись адвокатов."""),
    DemoArticle(
        key="ru-fisherman", translation_of="fisherman", section="sudebnye-dela",
        added="2017-04-19 15:30", place="Кандалакша",
        title="ЕСПЧ коммуницировал жалобу рыбака из Кандалакши",
        subtitle="Заявитель говорит, что в отделе полиции его избили, добиваясь признания",
        summary="Суд спросил власти о жестоком обращении и об эффективности расследования.",
        tags=("ЕСПЧ", "пытки", "полиция"),
        links=(("Коммуницированная жалоба: изложение фактов",
                "https://example.org/echr/communicated/fisherman"),
               ("Наше обращение в Следственный комитет, 2014",
                "https://example.org/nlac/cases/kandalaksha-2014")),
        body="""Европейский суд по правам человека коммуницировал властям жалобу Виктора С.,
        рыбака из Кандалакши, интересы которого представляет Центр.

        В августе 2013 года Виктора С. задержали по подозрению в незаконном вылове рыбы. По его
        словам, в отделе двое полицейских избили его и надевали на голову пакет, пока он не
        подписал признание. Освидетельствование на следующий день зафиксировало ушибы.

        Следователи одиннадцать раз отказывали в возбуждении дела против полицейских. Каждый
        отказ отменялся — и проверка снова прекращалась почти теми же словами.

        Власти должны ответить на вопросы суда до августа."""),
    DemoArticle(
        key="ru-blogger-hearing", translation_of="blogger-hearing", section="press-relizy",
        added="2018-02-14 09:30", place="Сыктывкар",
        title="Заседание по делу сыктывкарского блогера назначено на 21 февраля",
        subtitle="Егора Тихонравова обвиняют в клевете из-за поста о контрактах на уборку снега",
        summary="Суд рассмотрит дело блогера, обвиняемого в клевете на чиновника; приглашаем "
                "журналистов.",
        tags=("свобода слова", "журналисты", "справедливый суд"), contacts=("press", "anna"),
        events=(EventData("Судебное заседание по делу Тихонравова", HEARING,
                          "Сыктывкарский городской суд, зал № 6", "Сыктывкар, ул. Правды, 3",
                          MOSCOW),),
        body="""Первое заседание по делу блогера Егора Тихонравова пройдёт в Сыктывкарском
        городском суде 21 февраля в 14:30. Заседание открытое.

        Тихонравов разобрал городские контракты на уборку снега и предположил, что одна
        компания получила их без настоящего конкурса. Заявление о клевете подал упомянутый в
        посте заместитель главы администрации.

        > Критика того, как тратятся общественные деньги, — именно та речь, которая заслуживает
        самой сильной защиты.
        ~ Анна Веретенникова, защитник

        Защита докажет, что пост опирался на открытые данные о закупках и содержал оценочное
        суждение. Журналистов просим взять удостоверение: число мест может быть ограничено."""),
    DemoArticle(
        key="ru-hotline-weekends", section="novosti", added="2018-10-03 12:00",
        place="Петрозаводск", in_site_news=False,
        title="Горячая линия теперь работает и по выходным",
        summary="По субботам и воскресеньям на звонки отвечает дежурный юрист.",
        tags=("юридическая помощь", "правозащитники"),
        body="""С октября горячая линия Центра работает семь дней в неделю. По субботам и
        воскресеньям с 10:00 до 18:00 на звонки отвечает дежурный юрист.

        Мы проанализировали звонки за полгода: задержания на акциях и в ночных рейдах чаще
        приходятся на выходные, а родственники не могли дозвониться до понедельника.

        Номер прежний: +7-900-000-1299. Ночью можно оставить сообщение — дежурный перезвонит."""),
    DemoArticle(
        key="ru-protest-guide", translation_of="protest-guide", section="publikatsii",
        added="2019-03-05 09:30", place="Петрозаводск",
        title="Памятка: что делать, если вас задержали на акции",
        subtitle="Две страницы, которые можно распечатать, сложить и положить в карман",
        summary="Обновлённая памятка по шагам объясняет ваши права в отделе полиции.",
        tags=("свобода собраний", "полиция", "юридическая помощь"),
        files=(DemoFile("Памятка задержанному", "pamyatka-zaderzhannomu.txt", (
            "ЕСЛИ ВАС ЗАДЕРЖАЛИ", "", "1. Сохраняйте спокойствие, не сопротивляйтесь.",
            "2. Спросите фамилии сотрудников и причину задержания.",
            "3. Попросите дать позвонить родственнику и адвокату.",
            "4. Не подписывайте непрочитанное. Пишите: «не согласен».",
            "5. Вы вправе не свидетельствовать против себя (ст. 51 Конституции).", "",
            "Горячая линия: +7-900-000-1299 (демонстрационный номер)")),),
        body="""Мы обновили памятку для тех, кто ходит на митинги, пикеты и шествия. Она
        нарочно короткая: её можно прочитать в автозаке.

        - сохраняйте спокойствие и не сопротивляйтесь, даже если задержание кажется незаконным;
        - спросите фамилии сотрудников и причину задержания;
        - вы вправе позвонить родственнику и адвокату — попросите это записать;
        - не подписывайте то, что не прочитали; если не согласны, так и напишите;
        - вы вправе не свидетельствовать против себя (статья 51 Конституции).

        Перед акцией запишите на руке номер горячей линии: +7-900-000-1299. Памятку можно
        свободно распечатывать и распространять."""),
    DemoArticle(
        key="ru-remote", translation_of="remote", section="novosti", added="2020-04-09 10:30",
        place="Петрозаводск",
        title="Юристы Центра переходят на дистанционные консультации",
        subtitle="Приёмная закрыта, но горячая линия, мессенджеры и видеосвязь работают",
        summary="С 6 апреля мы консультируем только дистанционно; на письма из мест заключения "
                "отвечаем как прежде.",
        tags=("юридическая помощь", "тюрьмы"),
        body="""Из-за региональных ограничений приёмная на Сосновой улице закрыта до особого
        распоряжения. Юристы консультируют по телефону, в мессенджерах и по видеосвязи.

        Нас тревожат люди в колониях и СИЗО, где приостановлены свидания с родственниками и
        адвокатами. Если ваш родственник болен, а врач его не осматривает, звоните на горячую
        линию: срочную жалобу в прокуратуру мы направим в тот же день.

        Карантин не отменяет процессуальных прав. Пропущенные из-за ограничений сроки можно
        восстановить — спросите нас, как это сделать."""),
    DemoArticle(
        key="ru-annual-2021", translation_of="annual-2021", section="publikatsii/doklady",
        added="2021-12-10 09:30", place="Петрозаводск", title="Годовой отчёт за 2021 год",
        subtitle="412 доверителей, 96 судебных дел, 5 жалоб в международные органы",
        summary="Что мы сделали в 2021 году, что выиграли, что проиграли и на что потратили "
                "деньги.",
        tags=("юридическая помощь", "правозащитники"),
        links=(("Годовой отчёт за 2020 год", "https://example.org/nlac/reports/annual-2020-ru"),
               ("Финансовый отчёт за 2021 год",
                "https://example.org/nlac/reports/finance-2021-ru")),
        files=(DemoFile("Годовой отчёт 2021 (текст)", "otchyot-2021.txt", (
            "Северный центр правовой помощи — годовой отчёт за 2021 год", "",
            "Доверителей: 412", "Судебных дел: 96 (выиграно полностью или частично: 58)",
            "Звонков на горячую линию: 1900", "",
            "Демонстрационный документ: организация и цифры вымышлены.")),),
        body="""2021 год стал самым напряжённым в истории Центра. Семь юристов и сорок
        волонтёров помогли 412 людям и вели 96 судебных дел; 58 завершились полностью или
        частично в пользу доверителя.

        - компенсации за унижающие условия содержания присуждены в 14 делах;
        - трое полицейских осуждены за превышение полномочий после жалоб наших доверителей;
        - пять жалоб поданы в ЕСПЧ и Комитет ООН по правам человека;
        - 1900 звонков на горячую линию и 640 ответов на письма из мест заключения.

        Год принёс обыск у наших партнёров в Вологде и новые требования к отчётности. Полный
        отчёт с финансовой частью приложен к этой странице."""),
    DemoArticle(
        key="ru-blocking", section="press-relizy", added="2022-12-01 17:00",
        place="Петрозаводск",
        title="Заявление в связи с блокировкой сайта партнёрской организации",
        summary="Мы требуем разблокировать сайт вологодской правовой группы «Открытая дверь».",
        tags=("правозащитники", "свобода слова"), contacts=("sergei", "press"),
        body="""Доступ к сайту вологодской правовой группы «Открытая дверь», с которой мы
        сотрудничаем с 2015 года, ограничен по требованию прокуратуры. Самой организации
        уведомление о блокировке не направлялось.

        На сайте публиковались памятки для задержанных, образцы жалоб и отчёты о мониторинге
        мест принудительного содержания. Мы требуем:

        - сообщить организации основания блокировки;
        - восстановить доступ к сайту;
        - прекратить внесудебные блокировки сайтов правозащитных организаций.

        Материалы «Открытой двери» временно доступны на
        <a href="https://example.org/open-door-mirror">нашем сайте</a>."""),
    DemoArticle(
        key="ru-open-lecture", translation_of="open-lecture", section="sobytiya",
        added="2023-10-12 09:30", place="Архангельск",
        title="Открытая лекция: право на справедливый суд на реальных примерах",
        subtitle="Вход свободный, будет трансляция",
        summary="26 октября юрист Павел Лисицын расскажет, что значит справедливый суд на "
                "практике.",
        tags=("справедливый суд", "обучение"), contacts=("pavel", "tatiana"),
        events=(EventData("Открытая лекция о праве на справедливый суд", LECTURE,
                          "Библиотека «Поморье», читальный зал № 2",
                          "Архангельск, ул. Центральная, 15", MOSCOW),),
        body="""Что значит справедливый суд для человека, который ни разу не был в суде? Кто
        решает, каких свидетелей допросят? Может ли судья отказаться приобщить ваши документы?

        В четверг, 26 октября, юрист Павел Лисицын, у которого пятнадцать лет практики,
        ответит на эти вопросы на примерах из архангельских судов. Знаний права не требуется.

        Вход свободный, но мест немного: регистрация по адресу events@example.org. Лекция
        будет транслироваться на нашем <a href="https://example.org/nlac/live">видеоканале</a>."""),
    DemoArticle(
        key="ru-fifteen-years", translation_of="fifteen-years", section="novosti",
        added="2024-06-20 10:30", place="Петрозаводск",
        title="Северному центру правовой помощи — пятнадцать лет",
        subtitle="От двух юристов в чужом кабинете до сети в четырёх регионах",
        summary="Директор Центра вспоминает пятнадцать лет работы и благодарит всех, кто был "
                "рядом.",
        tags=("правозащитники", "юридическая помощь"),
        body="""Центр основали в июне 2009 года два адвоката, которые постоянно видели одно и
        то же: люди проигрывали дела не потому, что были виноваты, а потому, что им никто
        вовремя не объяснил их права.

        Сегодня у нас есть юристы в Петрозаводске, Архангельске, Мурманске и Вологде, горячая
        линия, на которой работают волонтёры, и более трёх тысяч доверителей.

        > Когда-то мы считали победы. Потом поняли, что важнее другое число — сколько людей
        получили ответ, когда он был им нужен.
        ~ Сергей Белобородов, директор Центра

        Спасибо доверителям, волонтёрам и частным жертвователям, которые поддерживают нас с
        2022 года. 29 июня ждём друзей Центра на чай в нашем офисе."""),
    DemoArticle(
        key="ru-murmansk-colony", section="novosti/regiony", added="2024-11-14 11:00",
        dated="2024-11-06", place="Мурманск", source="gk",
        title="Наблюдатели посетили колонию в Мурманской области",
        subtitle="Жалобы на холод в общежитиях и задержки с лекарствами",
        summary="Сеть «Гражданский контроль» публикует итоги ноябрьского посещения колонии.",
        tags=("тюрьмы", "медицинская помощь"),
        body="""<em>Публикуется с разрешения сети «Гражданский контроль».</em>

        Члены ОНК 5 ноября посетили одну из колоний Мурманской области и побеседовали с сорока
        осуждёнными. Чаще всего люди жаловались на холод: в двух отрядах температура в спальных
        помещениях не превышала +14 °C, дополнительных одеял не выдавали.

        Несколько осуждённых с хроническими заболеваниями рассказали, что лекарства, переданные
        родственниками, им выдают с задержкой в две-три недели.

        Наблюдатели повторят визит в декабре и проверят, выполнены ли обещания администрации."""),
    DemoArticle(
        key="ru-picket", section="sudebnye-dela", added="2025-08-07 15:00", place="Вологда",
        title="Апелляция отменила штраф за одиночный пикет",
        subtitle="Суд согласился, что одиночный пикет не требует уведомления властей",
        summary="Областной суд отменил штраф 20 000 рублей за пикет у здания администрации.",
        tags=("свобода собраний", "справедливый суд"), contacts=("olga", "press"),
        body="""Областной суд в Вологде отменил штраф в 20 000 рублей, назначенный Марине Т. за
        одиночный пикет у здания городской администрации. Дело прекращено.

        В апреле Марина Т. полчаса стояла с плакатом против закрытия детской поликлиники.
        Полиция сочла, что рядом с ней «находились другие участники» мероприятия.

        > Рядом со мной стояли люди, которые ждали автобус. Я их не знаю.
        ~ Марина Т.

        Суд изучил видеозапись и признал пикет одиночным. Интересы Марины Т. представляла
        юрист Центра Ольга Руднева."""),
    DemoArticle(
        key="ru-winter-school", translation_of="winter-school", section="sobytiya",
        added="2026-09-15 10:30", place="Мурманск",
        title="Зимняя школа по стратегическим делам: заявки до 15 декабря",
        subtitle="Неделя в Мурманске для юристов, которые ведут дела дальше первой инстанции",
        summary="С 25 по 29 января 2027 года: как выбирать, строить и доводить дела до высших "
                "судов и органов ООН.",
        tags=("обучение", "ООН", "справедливый суд"), contacts=("tatiana", "ilya"),
        events=(EventData("Зимняя школа по стратегическим делам", WINTER_SCHOOL,
                          "Гостиница «Полярная заря», конференц-зал",
                          "Мурманск, ул. Портовая, 3", MOSCOW),),
        body="""Приглашаем юристов со стажем от двух лет на зимнюю школу по стратегическим
        делам. Она пройдёт в Мурманске с 25 по 29 января 2027 года.

        Стратегическое дело может изменить практику, а не только помочь одному доверителю.
        Участники будут работать в малых группах над обезличенными делами из нашего архива:

        - выбор дел и доверителей, информированное согласие;
        - доказательства с первой инстанции;
        - Конституционный суд и договорные органы ООН;
        - безопасность доверителей и юристов в резонансных делах.

        Проживание и питание оплачивает Центр. Заявки — до 15 декабря 2026 года на
        school@example.org."""),
    DemoArticle(
        key="ru-draft-vacancy", section="novosti", added="2026-11-18 09:00", draft=True,
        title="Центр ищет юриста в Мурманск", tags=("юридическая помощь",),
        summary="Объявление о вакансии; условия согласовать с директором.",
        body="""Центр ищет юриста для мурманского офиса. Опыт ведения уголовных или
        административных дел — от двух лет.

        [Условия, зарплату и срок подачи резюме уточнить у Сергея.]"""),
    DemoArticle(
        key="ru-draft-ivs-2026", section="publikatsii/doklady", added="2026-11-26 09:00",
        draft=True, title="Итоги мониторинга ИВС за 2026 год", tags=("задержание", "тюрьмы"),
        body="""Данные по Карелии и Архангельской области сведены; по Мурманской ждём отчёты.

        Предварительно: посещено 38 изоляторов, нарушения права на прогулку выявлены в 17."""),
]

ARTICLES = {"en": EN_ARTICLES, "ru": RU_ARTICLES}

# Site news besides the automatic ones: (edition, own title, article key or "", link, added).
SITE_NEWS = [
    ("en", "New report: four in ten suspects questioned without a lawyer", "lawyer-access", "",
     "2016-05-12 08:00"),
    ("en", "Annual report 2021 is out: the year in numbers", "annual-2021", "",
     "2021-12-11 08:00"),
    ("en", "Winter school 2027: registration closes on 15 December", "winter-school", "",
     "2026-11-20 09:00"),
    ("en", "The About page now lists our regional lawyers", "", "/en/about/",
     "2024-06-21 10:00"),
    ("en", "New office hours: see the Contacts page", "", "/en/contacts/", "2025-09-01 08:00"),
    ("ru", "Новый доклад: четырёх из десяти задержанных допрашивали без адвоката",
     "ru-lawyer-access", "", "2016-05-12 08:30"),
    ("ru", "Вышел годовой отчёт: 2021 год в цифрах", "ru-annual-2021", "", "2021-12-11 08:30"),
    ("ru", "Зимняя школа 2027: приём заявок до 15 декабря", "ru-winter-school", "",
     "2026-11-20 09:30"),
    ("ru", "На странице «О нас» появились наши юристы в регионах", "", "/ru/about/",
     "2024-06-21 10:30"),
    ("ru", "Новые часы приёма — на странице «Контакты»", "", "/ru/contacts/",
     "2025-09-01 08:30"),
]

PAGES = {
    "en": [
        ("about", "About", """The Northern Legal Aid Centre is a non-profit organisation of
        lawyers founded in Petrozavodsk in 2009. We give free legal help to people whose rights
        were violated by police, investigators and prison staff, take cases to court, and
        monitor places of detention in Karelia, the Arkhangelsk, Murmansk and Vologda regions
        and Komi.

        - free consultations at our reception and on the hotline;
        - representation in Russian courts and before UN treaty bodies;
        - public monitoring of police stations and prisons;
        - schools and lectures for lawyers, students and the public.

        Director: Sergei Beloborodov. Lawyers: Anna Veretennikova (Petrozavodsk), Pavel
        Lisitsyn (Arkhangelsk), Ilya Kortnev (Murmansk), Olga Rudneva (Vologda).

        We accept no money from political parties. Our accounts are audited every year and
        published in our <a href="/en/publications/reports/">annual reports</a>.

        <em>This is a demonstration site: the organisation, its people and its cases are
        fictional.</em>"""),
        ("contacts", "Contacts", """Office and reception: 21 Sosnovaya Street, office 4,
        Petrozavodsk 185000. Reception hours: Tuesday and Thursday, 11:00 to 17:00.

        - hotline: +7-900-000-1299 (every day, 10:00 to 20:00);
        - office: +7-900-000-1200;
        - email: <a href="mailto:info@example.org">info@example.org</a>;
        - press: <a href="mailto:press@example.org">press@example.org</a>.

        Letters from places of detention: P.O. Box 000, Petrozavodsk 185000. Please give the
        name and date of birth of the person concerned in every letter."""),
    ],
    "ru": [
        ("about", "О нас", """Северный центр правовой помощи — некоммерческая организация
        юристов, основанная в Петрозаводске в 2009 году. Мы бесплатно помогаем людям, чьи права
        нарушили полицейские, следователи и сотрудники мест заключения, ведём дела в судах и
        наблюдаем за местами принудительного содержания в Карелии, Архангельской, Мурманской и
        Вологодской областях и в Коми.

        - бесплатные консультации в приёмной и на горячей линии;
        - представительство в российских судах и договорных органах ООН;
        - общественный мониторинг отделов полиции и мест заключения;
        - школы и лекции для юристов, студентов и всех желающих.

        Директор — Сергей Белобородов. Юристы: Анна Веретенникова (Петрозаводск), Павел
        Лисицын (Архангельск), Илья Кортнев (Мурманск), Ольга Руднева (Вологда).

        Мы не принимаем денег от политических партий. Наша отчётность ежегодно проверяется
        аудитором и публикуется в <a href="/ru/publikatsii/doklady/">годовых отчётах</a>.

        <em>Это демонстрационный сайт: организация, её сотрудники и дела вымышлены.</em>"""),
        ("contacts", "Контакты", """Офис и приёмная: Петрозаводск, ул. Сосновая, 21, офис 4,
        185000. Приём по вторникам и четвергам с 11:00 до 17:00, без записи.

        - горячая линия: +7-900-000-1299 (ежедневно с 10:00 до 20:00);
        - офис: +7-900-000-1200;
        - почта: <a href="mailto:info@example.org">info@example.org</a>;
        - для прессы: <a href="mailto:press@example.org">press@example.org</a>.

        Письма из мест заключения: Петрозаводск, 185000, а/я 000. Пожалуйста, указывайте в
        каждом письме фамилию и дату рождения человека, о котором идёт речь."""),
    ],
}
# fmt: on


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _editions() -> dict[str, Edition]:
    editions = {e.code: e for e in services.ensure_editions()}
    missing = [(code, EDITIONS[code][0]) for code in EDITIONS if code not in editions]
    if missing:
        editions.update((e.code, e) for e in services.ensure_editions(missing))
    for code, (site_title, tagline) in EDITIONS.items():
        edition = editions[code]
        edition.site_title, edition.tagline = site_title, tagline
        edition.save(update_fields=["site_title", "tagline"])
    return editions


def _sections(edition: Edition) -> dict[str, Section]:
    """The demo sections of an edition by path; sections already there are reused."""
    by_path = {s.path: s for s in Section.objects.filter(edition=edition)}
    by_slug: dict[str, Section] = {}
    for order, (slug, title, parent_slug, description) in enumerate(SECTIONS[edition.code]):
        parent = by_slug.get(parent_slug)
        path = f"{parent.path}/{slug}" if parent else slug
        section = by_path.get(path)
        if section is None:
            section = services.create_section(edition, title, slug, parent=parent, order=order)
            section.description = description
            section.save(update_fields=["description"])
            by_path[path] = section
        by_slug[slug] = section
    return by_path


def _attach(article: Article, files: tuple[DemoFile, ...]) -> None:
    for order, item in enumerate(files):
        if item.name.endswith(".pdf"):
            data, mime = _pdf(item.lines), "application/pdf"
        else:
            data, mime = ("\n".join(item.lines) + "\n").encode(), "text/plain"
        file = ContentFile(data, name=item.name)
        Attachment(article=article, title=item.title, file=file, mime=mime, order=order).save()


def _create(item: DemoArticle, edition: Edition, sections, sources, done) -> Article:
    added = _utc(item.added)
    dated = datetime.strptime(item.dated, "%Y-%m-%d").date() if item.dated else added.date()
    data = ArticleData(
        edition=edition,
        section=sections[item.section],
        title=item.title,
        subtitle=item.subtitle,
        body=_html(item.body),
        summary=item.summary,
        source=sources.get(item.source),
        dateline_place=item.place,
        dateline_date=dated if item.place else None,
        added=added,
        tags=item.tags,
        links=item.links,
        contacts=[CONTACTS[edition.code][key] for key in item.contacts],
        events=item.events,
        show_in_site_news=item.in_site_news,
        translation_of=done[item.translation_of] if item.translation_of else None,
        # published when it was added, not when the demo was loaded
        extra={} if item.draft else {"published_at": added},
    )
    article = services.create_article(data, publish=not item.draft)
    _attach(article, item.files)
    return article


def load_demo(stdout=None) -> dict:
    """Fill an empty site with the demo content; return what was made ({} if not empty)."""
    with transaction.atomic():
        if Article.objects.exists():
            _say(stdout, "The site has articles already; no demo content loaded.")
            return {}
        editions = _editions()
        sources = {key: services.get_or_create_source(*pair) for key, pair in SOURCES.items()}
        done: dict[str, Article] = {}
        for code, items in ARTICLES.items():
            sections = _sections(editions[code])
            for item in items:
                done[item.key] = _create(item, editions[code], sections, sources, done)
            _say(stdout, f"{code}: {len(items)} articles")
        for code, title, key, link, added in SITE_NEWS:
            article = done[key] if key else None
            services.add_site_news(
                editions[code], title=title, article=article, link_url=link, added=_utc(added)
            )
        for code, pages in PAGES.items():
            for order, (slug, title, body) in enumerate(pages):
                edition = editions[code]
                if not Page.objects.filter(edition=edition, slug=slug).exists():
                    page = Page(edition=edition, slug=slug, title=title, body=_html(body))
                    page.order = order
                    page.save()
        from vestnik.cases.demo import load_demo_cases

        cases = load_demo_cases(done)
        demo = Article.objects.filter(pk__in=[a.pk for a in done.values()])
        counts = {
            "editions": len(EDITIONS),
            "sections": Section.objects.filter(edition__code__in=EDITIONS).count(),
            "articles": demo.count(),
            "published": demo.filter(status=Article.Status.PUBLISHED).count(),
            "drafts": demo.filter(status=Article.Status.DRAFT).count(),
            "translated_pairs": sum(1 for item in RU_ARTICLES if item.translation_of),
            "reprints": demo.exclude(source=None).count(),
            "tags": Tag.objects.filter(edition__code__in=EDITIONS).count(),
            "links": RelatedLink.objects.filter(article__in=demo).count(),
            "contacts": Contact.objects.filter(article__in=demo).count(),
            "events": Event.objects.filter(article__in=demo).count(),
            "attachments": Attachment.objects.filter(article__in=demo).count(),
            "site_news": SiteNewsItem.objects.filter(edition__code__in=EDITIONS).count(),
            "pages": Page.objects.filter(edition__code__in=EDITIONS).count(),
            "cases": cases,
        }
    _say(stdout, f"Demo content loaded: {counts}")
    return counts
