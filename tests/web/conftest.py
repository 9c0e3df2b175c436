from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in French: a request in English must not leak into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
