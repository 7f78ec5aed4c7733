"""The demo's files: its light text markup as HTML, and PDF, DOCX and ODT documents."""

from __future__ import annotations

import io
import re


def markup_html(text: str) -> str:
    """Blocks separated by blank lines; "- " list items, "> " quotations, "~ " their authors."""
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


def pdf(lines: list[str]) -> bytes:
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


def docx(paragraphs: list[str]) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt(paragraphs: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for text in paragraphs:
        document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def document(name: str, lines: list[str]) -> tuple[bytes, str]:
    """The file `name` made of `lines`, by its extension, and its MIME type."""
    if name.endswith(".pdf"):
        return pdf(lines), "application/pdf"
    if name.endswith(".docx"):
        return docx(lines), (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
    if name.endswith(".odt"):
        return odt(lines), "application/vnd.oasis.opendocument.text"
    return ("\n".join(lines) + "\n").encode(), "text/plain"
