"""Shared test helpers."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import pytest
from jsonschema import Draft202012Validator

REPO_ROOT = Path(__file__).resolve().parent.parent
# The contract itself, not a copy of it: tests check against what the rest of the world relies on.
RECORD_SCHEMA = REPO_ROOT.parent / "shared" / "spec" / "record.schema.json"


@lru_cache(maxsize=1)
def _record_validator() -> Draft202012Validator:
    schema = json.loads(RECORD_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_record(record: dict[str, Any]) -> None:
    """Fail with every violation listed when a record dict does not satisfy record.schema.json."""
    errors = sorted(_record_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.fixture(name="validate_record")
def validate_record_fixture() -> Callable[[dict[str, Any]], None]:
    return validate_record
