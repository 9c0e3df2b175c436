import pytest

from vigie.web.backoffice.templatetags.backoffice_tags import iso_moment


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-11-16T07:00:00+01:00", "16/11/2026 07:00"),
        ("2026-11-16T06:00:00+00:00", "16/11/2026 07:00"),
        ("2026-11-16", "16/11/2026"),
        ("", ""),
        ("hier soir", "hier soir"),
    ],
)
def test_observed_moments_are_shown_in_french_local_time(value: str, shown: str) -> None:
    assert iso_moment(value) == shown
