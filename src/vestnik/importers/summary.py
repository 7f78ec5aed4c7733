"""What an import did: counts per kind and outcome, skipped items with reasons."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("created", "updated", "unchanged", "kept_local")
SHOWN_SKIPS = 30


@dataclass
class Skipped:
    kind: str
    key: str
    title: str
    reason: str


@dataclass
class Summary:
    importer: str
    source: str = ""
    dry_run: bool = False
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    skipped: list[Skipped] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def skip(self, kind: str, key: str, title: str, reason: str) -> None:
        self.skipped.append(Skipped(kind, key, title[:100], reason))

    def total(self, kind: str, outcome: str | None = None) -> int:
        counter = self.counts.get(kind, Counter())
        return counter[outcome] if outcome else sum(counter.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "source": self.source,
            "dry_run": self.dry_run,
            "counts": {kind: dict(c) for kind, c in self.counts.items()},
            "notes": dict(self.notes),
            "skipped": [vars(s) for s in self.skipped],
        }

    def lines(self) -> list[str]:
        """The report printed at the end of an import."""
        head = f"{self.importer} import of {self.source}"
        out = [head + (" (dry run: nothing was saved)" if self.dry_run else "")]
        for kind, counter in self.counts.items():
            parts = [f"{counter[o]} {o.replace('_', ' ')}" for o in OUTCOMES if counter[o]]
            out.append(f"  {kind}: {', '.join(parts) or 'none'}")
        for note, n in sorted(self.notes.items()):
            out.append(f"  {note}: {n}")
        if self.skipped:
            by_reason = Counter(s.reason for s in self.skipped)
            out.append(f"  skipped: {len(self.skipped)}")
            for reason, n in by_reason.most_common():
                out.append(f"    {n} × {reason}")
            detailed = [s for s in self.skipped if not s.reason.startswith("post type")]
            for s in detailed[:SHOWN_SKIPS]:
                out.append(f"    - {s.kind} {s.key} “{s.title}”: {s.reason}")
            if len(detailed) > SHOWN_SKIPS:
                out.append(f"    … and {len(detailed) - SHOWN_SKIPS} more")
        return out
