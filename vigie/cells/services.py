"""Writes on cells and units (the administration); each one is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.models import Cell, Unit
from vigie.geo.models import Departement


def _changes(instance: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Set the values on the instance; the names of the fields that changed, with new values."""
    changed: dict[str, Any] = {}
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed[name] = getattr(value, "pk", value)
    return changed


@transaction.atomic
def _set_active(
    by: Any, instance: Cell | Unit, is_active: bool, action: str, kind: str, target_id: str
) -> None:
    if instance.is_active != is_active:
        instance.is_active = is_active
        instance.save(update_fields=["is_active", "updated_at"])
        record_event(
            actor=by,
            action=AuditAction(action),
            target_type=kind,
            target_id=target_id,
            details={"is_active": is_active},
        )


@transaction.atomic
def create_cell(*, by: Any, departement: Departement, name: str, contact: str = "") -> Cell:
    cell = Cell.objects.create(departement=departement, name=name, contact=contact)
    record_event(
        actor=by,
        action=AuditAction.CELL_CREATE,
        target_type="cell",
        target_id=departement.code,
        details={"name": name},
    )
    return cell


@transaction.atomic
def update_cell(*, by: Any, cell: Cell, name: str, contact: str) -> Cell:
    changed = _changes(cell, {"name": name, "contact": contact})
    if changed:
        cell.save(update_fields=[*changed, "updated_at"])
        record_event(
            actor=by,
            action=AuditAction.CELL_UPDATE,
            target_type="cell",
            target_id=cell.departement_id,
            details={"fields": sorted(changed)},
        )
    return cell


def set_cell_active(*, by: Any, cell: Cell, is_active: bool) -> Cell:
    """A deactivated cell keeps its reports and history; its agents lose its pages."""
    _set_active(by, cell, is_active, AuditAction.CELL_ACTIVATION, "cell", cell.departement_id)
    return cell


@transaction.atomic
def create_unit(*, by: Any, cell: Cell, name: str, kind: str, contact_email: str = "") -> Unit:
    unit = Unit.objects.create(cell=cell, name=name, kind=kind, contact_email=contact_email)
    record_event(
        actor=by,
        action=AuditAction.UNIT_CREATE,
        target_type="unit",
        target_id=str(unit.public_id),
        details={"name": name, "kind": kind, "departement": cell.departement_id},
    )
    return unit


@transaction.atomic
def update_unit(
    *, by: Any, unit: Unit, cell: Cell, name: str, kind: str, contact_email: str
) -> Unit:
    changed = _changes(
        unit, {"cell": cell, "name": name, "kind": kind, "contact_email": contact_email}
    )
    if changed:
        unit.save(update_fields=[*changed, "updated_at"])
        record_event(
            actor=by,
            action=AuditAction.UNIT_UPDATE,
            target_type="unit",
            target_id=str(unit.public_id),
            details={"fields": sorted(changed)},
        )
    return unit


def set_unit_active(*, by: Any, unit: Unit, is_active: bool) -> Unit:
    _set_active(by, unit, is_active, AuditAction.UNIT_ACTIVATION, "unit", str(unit.public_id))
    return unit
