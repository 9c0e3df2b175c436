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


def test_with_redis_an_intake_without_the_channel_key_refuses_to_start(tmp_path) -> None:
    import os
    import subprocess
    import sys

    keys_dir = tmp_path / "keys"
    ensure_keys(tmp_path)
    (keys_dir / "reports.key").unlink()
    (keys_dir / "channel_layer.key").unlink()
    environment = {
        **os.environ,
        "VIGIE_VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/11",
        "VIGIE_INTERFACE": "public",
        "DJANGO_SETTINGS_MODULE": "config.settings.run",
    }
    environment.pop("DATABASE_URL", None)
    done = subprocess.run(  # our interpreter
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "channel_layer.key is missing" in done.stderr
    (keys_dir / "channel_layer.key").write_bytes(b"\0" * 32)  # the back office's copy
    done = subprocess.run(  # our interpreter
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_version_removed_by_a_rotation_is_never_made_again(tmp_path) -> None:
    """After a rotation shredded reports.key/.pub and blind_index.key, starting again must not
    create a fresh version 1 (it would become a key nothing was sealed with)."""
    from vigie.core import keys

    ensure_keys(tmp_path)
    keys_dir = tmp_path / "keys"
    keys.create_version(keys_dir, keys.REPORTS, 2)
    keys.create_version(keys_dir, keys.BLIND_INDEX, 2)
    keys.destroy_version(keys_dir, keys.REPORTS, 1)
    keys.destroy_version(keys_dir, keys.BLIND_INDEX, 1)
    ensure_keys(tmp_path)
    assert not (keys_dir / "reports.key").exists()
    assert not (keys_dir / "reports.pub").exists()
    assert not (keys_dir / "blind_index.key").exists()
    assert keys.current_version(keys_dir, keys.REPORTS) == 2
    assert keys.versions_on_disk(keys_dir, keys.BLIND_INDEX) == [2]
