"""A saved copy of an old hand-made NGO site, written by the tests (wget --mirror shape)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from tests.shared import shared_dir

SIDEBAR = """
<div class="sidebar"><h3>News of site</h3>
{items}
</div>"""


def reference_lines() -> list[str]:
    seeds = sorted((shared_dir() / "seeds").glob("000_*.txt"))
    assert seeds, "reference page missing from ../shared/seeds"
    text = seeds[0].read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def old_page(
    title: str, body: str, crumbs: str = "", source: str = "", sidebar: str = "",
    lang: str = "en", charset: str = "utf-8", alternate: str = "",
) -> str:  # fmt: skip
    alt = f'<a href="{alternate}" hreflang="{"ru" if lang == "en" else "en"}">Other language</a>'
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html lang="{lang}"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)} :: Old NGO site</title>
<script>var tracker = 1;</script>
</head><body>
<table width="100%"><tr><td class="top"><img src="/img/logo.gif" alt="logo">
<a href="/index.html">Main page</a> | <a href="/news/index.html">News</a>
{alt if alternate else ""}</td></tr>
<tr><td class="content">
<div class="path">{crumbs}</div>
<div class="source">{escape(source)}</div>
<h1>{escape(title)}</h1>
{body}
</td><td class="right">{sidebar}</td></tr></table>
<div class="footer">© Old NGO, 2001–2016. All rights reserved.</div>
</body></html>"""


def reference_page(alternate: str = "") -> str:
    """The reference page (../shared/seeds) in the markup its old site had."""
    lines = reference_lines()
    crumbs, source, heading = lines[0], lines[1], lines[2]
    news_at = lines.index("News of site")
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in lines[3:news_at])
    items, title = [], ""
    for line in lines[news_at + 1 :]:
        if line.startswith("Add: "):
            items.append(f'<p><a href="/news/x.html">{escape(title)}</a><br>{escape(line)}</p>')
            title = ""
        else:
            title = line
    crumb_html = " &gt; ".join(escape(c.strip()) for c in crumbs.split(">"))
    return old_page(
        heading, paragraphs, crumbs=crumb_html, source=source,
        sidebar=SIDEBAR.format(items="\n".join(items)), alternate=alternate,
    )  # fmt: skip


RUSSIAN_BODY = """
<p>Екатеринбург, 26 мая 2009 г. – Власти России должны освободить правозащитника Алексея
Соколова и снять с него необоснованные обвинения, заявила сегодня организация. Соколов,
защитник прав заключённых и член общественной наблюдательной комиссии, был обвинён 22 мая.</p>
<p>«Обвинения против Соколова выглядят политически мотивированными», — сказала директор
московского офиса. Она призвала власти внимательно изучить основания обвинений и возможную
связь между ними и его важной работой по наблюдению за условиями содержания в тюрьмах.</p>
<p>Соколов возглавляет организацию «Правовая основа» и много лет работает над тем, чтобы
предавать огласке пытки и жестокое обращение в российских тюрьмах и колониях.</p>
<p>Для получения дополнительной информации, пожалуйста, обращайтесь:</p>
<p>В Москве, Эллисон Гилл (английский, русский): +7-916-238-5127 (мобильный)</p>
"""


def russian_page(alternate: str = "") -> bytes:
    html = old_page(
        "Россия: освободить правозащитника. Активист преследуется за разоблачение пыток",
        RUSSIAN_BODY, crumbs="Главная &gt; Новости", source="Хьюман Райтс Вотч",
        lang="ru", charset="windows-1251", alternate=alternate,
    )  # fmt: skip
    return html.encode("cp1251")


def plain_article(title: str, words: int = 80, extra: str = "") -> str:
    text = " ".join(
        ["The court heard the appeal of the prisoners' rights advocate."] * (words // 10)
    )
    body = f"<p>(Geneva, March 3, 2012) – {text}</p><p>{text}</p>{extra}"
    return old_page(title, body)


def build_site(root: Path) -> Path:
    """en/ and ru/ trees with a translated pair, a plain page, an index and a hostile page."""
    files = {
        "en/news/russian/sokolov.html": reference_page(
            alternate="../../../ru/news/russian/sokolov.html"
        ),
        "ru/news/russian/sokolov.html": russian_page(
            alternate="../../../en/news/russian/sokolov.html"
        ),
        "en/news/europe/geneva-appeal.html": plain_article("Appeal heard in Geneva"),
        "en/news/index.html": old_page("News", "<ul><li><a href='x.html'>x</a></li></ul>"),
        "en/news/europe/hostile.html": plain_article(
            "Hostile <b>markup</b>",
            extra='<p onclick="steal()">Click <a href="javascript:alert(1)">here</a></p>'
            "<script>alert(document.cookie)</script><iframe src='https://evil.example'></iframe>"
            "<p>" + "A" * 5000 + "</p>",
        ),
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (root / "en/img").mkdir(parents=True, exist_ok=True)
    (root / "en/img/logo.gif").write_bytes(b"GIF89a")
    return root
