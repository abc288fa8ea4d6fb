"""Stage 2, find layout: load the layout definitions in layouts/ and pick the one a page shows.

A layout is data (TOML): the printed labels that anchor it, the regions of its boxes relative to
those labels, the columns of its tables and the type of every field. Supporting a new form
revision means adding a file, not code.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

LAYOUT_DIR = Path(__file__).resolve().parent.parent / "layouts"

Edge = Union[str, list[str]]


@dataclass(frozen=True)
class AnchorSpec:
    name: str
    text: str
    right_of: Optional[str] = None
    same_line_as: Optional[str] = None
    isolated: bool = False  # no other word printed right before or after it on its line
    whole_cell: bool = False  # isolated, and no text in the lines right above or below it either
    unlike: Optional[str] = None  # a label that reads almost the same: where it is, this is not
    not_within: Optional[str] = None  # a longer label that prints these words too: where it is, this is not
    below: Optional[str] = None  # a label it is printed under, where that one is found
    may_miss: int = 0  # words OCR may lose from a label too short to lose any by the usual share
    may_lose_first: int = 0  # leading words OCR may lose whole, over what may_miss allows ("Table I")


@dataclass(frozen=True)
class Region:
    left: Edge
    right: Edge
    top: Edge
    bottom: Edge


@dataclass(frozen=True)
class FieldSpec:
    target: Union[str, list[str]]
    type: str
    region: Optional[Region] = None
    mark_left_of: Optional[str] = None
    choices: dict[str, str] = field(default_factory=dict)
    link_cik: Optional[str] = None


@dataclass(frozen=True)
class ColumnSpec:
    label: AnchorSpec
    field: str
    type: str
    sets: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    end: list[str]
    transactions: str
    holdings: str
    columns: list[ColumnSpec]
    row_keys: list[str]  # fields every whole row has


@dataclass(frozen=True)
class SectionSpec:
    start: str
    end: list[str]


@dataclass(frozen=True)
class Layout:
    name: str
    document_type: str
    identify: list[Union[str, list[str]]]  # labels that start a report; a list means any one of them
    amended_by: Optional[str]  # a label that only an amendment shows
    anchors: dict[str, AnchorSpec]
    fields: list[FieldSpec]
    owner_start: str
    owners_listed_after_tables: bool
    owner_fields: list[FieldSpec]
    relationship_fields: list[FieldSpec]
    tables: list[TableSpec]
    footnotes: SectionSpec
    remarks: SectionSpec
    signature_label: str
    signature_date_label: str


def load_layouts(directory: Path = LAYOUT_DIR) -> list[Layout]:
    """Every layout file under ``directory``; files named common*.toml only serve ``extends``."""
    files = sorted(p for p in directory.rglob("*.toml") if not p.name.startswith("common"))
    if not files:
        raise FileNotFoundError(f"no layout definitions found in {directory}")
    return [parse_layout(_read_with_extends(p)) for p in files]


def _read_with_extends(path: Path) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    parent = data.pop("extends", None)
    if parent is None:
        return data
    return _merge(_read_with_extends(path.parent / parent), data)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; arrays of fields and tables concatenate (base first)."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value
        else:
            merged[key] = value
    return merged


def parse_layout(data: dict[str, Any]) -> Layout:
    owner = data["owner_block"]
    return Layout(
        name=data["name"],
        document_type=data["document_type"],
        identify=list(data["identify"]),
        amended_by=data.get("amended_by"),
        anchors={name: _anchor(name, spec) for name, spec in data["anchors"].items()},
        fields=[_field(f) for f in data.get("fields", [])],
        owner_start=owner["start"],
        owners_listed_after_tables=owner.get("listed_after_tables", False),
        owner_fields=[_field(f) for f in owner["fields"]],
        relationship_fields=[_field(f) for f in data["relationship"]["fields"]],
        tables=[_table(t) for t in data.get("tables", [])],
        footnotes=SectionSpec(data["footnotes"]["start"], list(data["footnotes"]["end"])),
        remarks=SectionSpec(data["remarks"]["start"], list(data["remarks"]["end"])),
        signature_label=data["signatures"]["label"],
        signature_date_label=data["signatures"]["date_label"],
    )


def _anchor(name: str, spec: Union[str, dict[str, Any]]) -> AnchorSpec:
    if isinstance(spec, str):
        return AnchorSpec(name, spec)
    return AnchorSpec(name=name, **spec)


def _field(spec: dict[str, Any]) -> FieldSpec:
    region = spec.get("region")
    return FieldSpec(
        target=spec["target"],
        type=spec["type"],
        region=Region(**region) if region else None,
        mark_left_of=spec.get("mark_left_of"),
        choices=dict(spec.get("choices", {})),
        link_cik=spec.get("link_cik"),
    )


def _table(spec: dict[str, Any]) -> TableSpec:
    columns = [
        ColumnSpec(
            label=AnchorSpec(name=f"{spec['name']}.{c['field']}.{i}", text=c["label"], whole_cell=True),
            field=c["field"], type=c["type"], sets=dict(c.get("sets", {})),
        )
        for i, c in enumerate(spec["columns"])
    ]
    return TableSpec(spec["name"], spec["title"], list(spec["end"]), spec["transactions"],
                     spec["holdings"], columns, list(spec.get("row_keys", [])))
