# Each test gets its own evidence store and upload directory, as in tests/evidence.
from tests.evidence.conftest import evidence_dirs  # noqa: F401  # a fixture, used by name
