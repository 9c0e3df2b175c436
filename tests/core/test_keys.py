import stat

from vigie.core.keys import ensure_keys, read_secret_key


def test_keys_are_generated_once_with_owner_only_permissions(tmp_path) -> None:
    ensure_keys(tmp_path)
    files = sorted(path.name for path in (tmp_path / "keys").iterdir())
    assert files == [
        "audit.key",
        "audit_signing.key",
        "blind_index.key",
        "channel_layer.key",
        "reports.key",
        "reports.pub",
        "secret_key",
    ]
    for path in (tmp_path / "keys").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first_secret = read_secret_key(tmp_path)
    first_private = (tmp_path / "keys" / "reports.key").read_bytes()
    ensure_keys(tmp_path)
    assert read_secret_key(tmp_path) == first_secret
    assert (tmp_path / "keys" / "reports.key").read_bytes() == first_private


def test_a_public_intake_host_is_not_given_a_private_key(tmp_path) -> None:
    keys_dir = tmp_path / "keys"
    keys_dir.mkdir()
    ensure_keys(tmp_path)
    (keys_dir / "reports.key").unlink()
    ensure_keys(tmp_path)
    assert not (keys_dir / "reports.key").exists()


def test_an_intake_host_makes_no_channel_key_of_its_own(tmp_path) -> None:
    """It must use the back office's copy: a key of its own would make the chat messages it
    puts on Redis unreadable to the other processes."""
    keys_dir = tmp_path / "keys"
    keys_dir.mkdir()
    ensure_keys(tmp_path)
    (keys_dir / "reports.key").unlink()
    (keys_dir / "channel_layer.key").unlink()
    ensure_keys(tmp_path)
    assert not (keys_dir / "channel_layer.key").exists()
