"""Benchmark document checking and text extraction (what an upload costs the editor).

    .venv/bin/python bench/cases_documents.py [--pages 200]

Builds a PDF, a DOCX and an ODT of about --pages pages of judgment-like text in
memory, runs `check_document` on each and prints size, time and characters extracted.
Not a test: it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
os.environ.setdefault("VESTNIK_HOME", str(Path(__file__).resolve().parents[1] / "var"))

import django  # noqa: E402

django.setup()

from tests.cases.files import docx_bytes, odt_bytes, pdf_bytes  # noqa: E402

from vestnik.cases.documents import check_document  # noqa: E402

LINE = "The Court considers that the applicant's detention was not justified (para. {n})."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    lines = [LINE.format(n=i) for i in range(args.pages * 25)]
    started = time.perf_counter()
    files = {
        "judgment.pdf": pdf_bytes(*lines),
        "judgment.docx": docx_bytes(*lines),
        "judgment.odt": odt_bytes(*lines),
    }
    print(f"built test files in {time.perf_counter() - started:.1f} s ({len(lines)} lines)")
    for name, data in files.items():
        started = time.perf_counter()
        checked = check_document(name, data)
        elapsed = time.perf_counter() - started
        rate = len(checked.text) / max(elapsed, 1e-9) / 1e6
        print(
            f"{name:14} {len(data) / 1024:8.0f} KiB  check+extract {elapsed:6.2f} s  "
            f"{len(checked.text):9d} chars  {rate:.2f} Mchar/s"
        )


if __name__ == "__main__":
    main()
