"""Bad exports: a clear message with the line, a non-zero exit, and the database untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.importers.wxr_samples import Post, wxr
from vestnik.content.models import Article, Redirect, Section, Tag
from vestnik.importers.errors import ImportFailed
from vestnik.importers.models import ImportedItem
from vestnik.importers.services import import_wxr

GOOD = wxr(
    [Post(1, "First"), Post(2, "Second", categories=[("news", "News")])],
    categories=[("news", "", "News")],
    tags=[("t", "T")],
)
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><title>&lol4;</title></channel></rss>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&secret;</title></item></channel></rss>
"""


def state() -> tuple:
    return (
        Article.objects.count(),
        Section.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
        ImportedItem.objects.count(),
    )


@pytest.fixture
def before(en):
    return state()


def bad(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "bad.xml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


CASES = {
    "malformed": (GOOD.replace("</wp:post_id>", "</wp:post_idd>", 2), r"line \d+, column \d+"),
    "truncated": (GOOD[: GOOD.index("Second") + 40], r"line \d+, column \d+"),
    "wrong encoding": (
        GOOD.replace("First", "Caf\u00e9").encode("latin-1"),
        r"line \d+, column \d+.*encoding",
    ),
    "unknown version": (wxr([Post(1, "x")], version="2.0"), r"WXR version '2.0' is not supported"),
    "billion laughs": (BILLION_LAUGHS, r"line 1: .*document type.*refused"),
    "external entity": (EXTERNAL_ENTITY, r"document type.*refused"),
    "undeclared entity": (GOOD.replace("<wp:post_id>1<", "<wp:post_id>&xxe;1<"),
                          r"line \d+, column \d+.*xxe"),
    "not wordpress": ("<html><body>hi</body></html>", r"not <rss>"),
    "rss without wordpress": ("<rss><channel><item><title>x</title></item></channel></rss>",
                              "not a WordPress export"),
    "empty file": ("", r"line \d+"),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_export_changes_nothing(case, before, tmp_path):
    data, message = CASES[case]
    with pytest.raises(ImportFailed, match=message):
        import_wxr(bad(tmp_path, data), "en")
    assert state() == before


def test_failure_midway_rolls_back_items_already_written(before, tmp_path):
    """The first post is written before the parser reaches the broken second one."""
    data = GOOD.replace("<title><![CDATA[Second]]>", "<title><![CDATA[Second]]><oops>")
    with pytest.raises(ImportFailed, match=r"line \d+"):
        import_wxr(bad(tmp_path, data), "en")
    assert state() == before


def test_huge_field_is_refused(before, tmp_path):
    data = wxr([Post(1, "Huge", content="x" * 6_000_000)])
    with pytest.raises(ImportFailed, match="characters long"):
        import_wxr(bad(tmp_path, data), "en")
    assert state() == before


def test_unknown_edition_and_missing_file(before, tmp_path):
    with pytest.raises(ImportFailed, match="no edition “xx”"):
        import_wxr(bad(tmp_path, GOOD), "xx")
    with pytest.raises(ImportFailed, match="no such file"):
        import_wxr(tmp_path / "missing.xml", "en")
    assert state() == before


def test_command_reports_the_error(before, tmp_path):
    with pytest.raises(CommandError, match="nothing was saved.*line"):
        call_command("import", "wxr", str(bad(tmp_path, CASES["truncated"][0])))
    assert state() == before


@pytest.mark.slow
def test_cli_exit_status(cli_env, tmp_path):
    """The real command: non-zero status and one line of explanation, no traceback."""
    path = bad(tmp_path, BILLION_LAUGHS)
    vestnik = Path(sys.executable).with_name("vestnik")
    subprocess.run([str(vestnik), "migrate", "-v0"], env=cli_env, check=True)
    result = subprocess.run(
        [str(vestnik), "import", "wxr", str(path)], env=cli_env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "document type" in result.stderr and "Traceback" not in result.stderr
    good = tmp_path / "good.xml"
    good.write_text(GOOD, encoding="utf-8")
    result = subprocess.run(
        [str(vestnik), "import", "wxr", str(good)], env=cli_env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "posts: 2 created" in result.stdout
