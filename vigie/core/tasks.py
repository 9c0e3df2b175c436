"""Background job of a key rotation (django-tasks; the back office's worker runs it)."""

from __future__ import annotations

from django_tasks import task


@task()
def rotation_task(rotation_id: int) -> bool:
    """Re-seal or re-index everything onto the new key version, then retire the old one."""
    from vigie.core.rotation import run_rotation

    return run_rotation(rotation_id)
