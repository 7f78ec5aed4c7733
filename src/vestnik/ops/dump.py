"""Canonical table dumps: every row of every model as JSON lines, and loading them back.

One file per model (`db/<app>.<model>.jsonl`), one JSON array per row in primary-key
order, columns named in the manifest by attribute name. The same rows give the same bytes
on SQLite and PostgreSQL, so a dump is both the backup and the proof that a restore lost
nothing (the restored site dumps to identical files).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps as global_apps
from django.core.management.color import no_style
from django.db import connections, models
from django.utils.duration import duration_string

BATCH = 2000
# Apps whose tables are derived from the others: not backed up, rebuilt after a restore
# (the search index: `vestnik.ops.signals.site_restored` → `vestnik.search.services.reindex`).
DERIVED_APPS = {"vestnik_search"}


def dumped_models(using: str = "default") -> list[type[models.Model]]:
    """Concrete models (m2m tables included) whose tables exist, sorted by label."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    found = [
        m
        for m in global_apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and m._meta.db_table in tables
        and m._meta.app_label not in DERIVED_APPS
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot dump {type(value).__name__}")


def encode_row(row: Iterable[Any]) -> bytes:
    text = json.dumps(
        list(row), default=_encode, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return text.encode("utf-8") + b"\n"


def columns(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def dump_model(
    model: type[models.Model], out: IO[bytes], using: str = "default"
) -> tuple[int, str]:
    """Write the model's rows to `out`; return (rows, sha256 of what was written)."""
    digest = hashlib.sha256()
    rows = 0
    query = model._base_manager.using(using).order_by("pk").values_list(*columns(model))
    for row in query.iterator(chunk_size=BATCH):
        line = encode_row(row)
        digest.update(line)
        out.write(line)
        rows += 1
    return rows, digest.hexdigest()


def _converter(field: models.Field, connection: Any) -> Callable[[Any], Any] | None:
    internal = field.get_internal_type()
    if internal == "BinaryField":
        return lambda v: field.get_db_prep_save(base64.b64decode(v), connection)
    if internal in {
        "DateTimeField",
        "DateField",
        "TimeField",
        "UUIDField",
        "DecimalField",
        "DurationField",
        "JSONField",
    }:
        if internal == "JSONField":
            return lambda v: field.get_db_prep_save(v, connection)
        return lambda v: field.get_db_prep_save(field.to_python(v), connection)
    return None


def load_rows(
    model: type[models.Model],
    names: list[str],
    lines: Iterator[bytes],
    using: str = "default",
) -> int:
    """Insert dumped rows into the model's (empty) table with plain INSERTs.

    Raw SQL on purpose: model saves would run auto_now and signals, and must not change
    a restored row.
    """
    connection = connections[using]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    missing = [n for n in names if n not in by_attname]
    if missing:
        raise ValueError(f"{model._meta.label}: unknown columns {', '.join(missing)}")
    fields = [by_attname[n] for n in names]
    converters = [_converter(f, connection) for f in fields]
    quote = connection.ops.quote_name
    # Identifiers come from the model and are quoted; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(str(f.column)) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    width = len(fields)
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for line in lines:
            row = json.loads(line)
            if not isinstance(row, list) or len(row) != width:
                raise ValueError(f"{model._meta.label}: row {count + 1} has the wrong shape")
            for i, convert in enumerate(converters):
                if convert is not None and row[i] is not None:
                    row[i] = convert(row[i])
            batch.append(row)
            count += 1
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
    return count


def delete_all(model_list: Iterable[type[models.Model]], using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in model_list:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 - quoted table name


def reset_sequences(model_list: list[type[models.Model]], using: str = "default") -> None:
    """Move PostgreSQL id sequences past the restored ids (SQLite does it by itself)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def read_lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        yield from f
