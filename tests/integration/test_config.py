"""The configuration file: what is saved comes back, refusals write nothing, each folder is its own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from stockdesk import config
from stockdesk.config import Config, ConfigStore, SmtpConfig, Theme
from stockdesk.domain.errors import ValidationError

SERVER = SmtpConfig(
    host="mail.example.com", port=465, security="ssl", user="desk", password="s3cret", sender="d@e.fg"
)


def test_saved_values_come_back_and_the_password_is_only_in_the_private_secrets_file(own_configuration):
    ConfigStore().save(Config(database_url="postgresql://desk@server/shop", smtp=SERVER, theme=Theme.DARK))
    again = ConfigStore().load()
    assert (again.database_url, again.smtp, again.theme) == (
        "postgresql://desk@server/shop",
        SERVER,
        Theme.DARK,
    )
    assert "s3cret" not in (own_configuration / config.CONFIG_FILE).read_text(encoding="utf-8")
    secrets = own_configuration / config.SECRETS_FILE
    assert "s3cret" in secrets.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
        assert stat.S_IMODE((own_configuration / config.CONFIG_FILE).stat().st_mode) == 0o600


def test_a_refused_value_names_its_field_and_writes_nothing():
    with pytest.raises(ValidationError) as refused:
        ConfigStore().save(Config(camera_index=3, smtp=SmtpConfig(host="mail.example.com", sender="nobody")))
    assert refused.value.field == "smtp_sender"
    assert not ConfigStore().exists() and ConfigStore().load().camera_index == 0


def test_two_config_folders_never_share_a_value_or_a_password(tmp_path, monkeypatch):
    first, second = ConfigStore(tmp_path / "one"), ConfigStore(tmp_path / "two")
    first.save(Config(database_url="sqlite:///one.sqlite", smtp=SERVER))
    assert second.load() == Config()
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "one"))
    assert config.load_config().smtp.password == "s3cret"
    assert config.database_url() == "sqlite:///one.sqlite"
    assert config.database_url("explicit.sqlite") == "explicit.sqlite"


def test_a_hand_edited_file_with_nonsense_falls_back_to_defaults(own_configuration):
    (own_configuration / config.CONFIG_FILE).write_text(
        "[scanner]\ncamera_index = two\n[appearance]\nlanguage = xx\n", encoding="utf-8"
    )
    loaded = ConfigStore().load()
    assert (loaded.camera_index, loaded.language) == (0, "en")


def test_the_configuration_module_loads_without_qt():
    code = "import sys, stockdesk.config, stockdesk.cli; print(any('PySide6' in m for m in sys.modules))"
    # a headless command on a server without Qt's libraries must not need them
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_worker_sees_a_changed_mail_server_but_asks_the_secret_store_only_after_a_change(tmp_path):
    class CountingSecrets(config.FileSecrets):
        reads = 0

        def get(self, name: str) -> str:
            CountingSecrets.reads += 1
            return super().get(name)

    store = ConfigStore(tmp_path / "desk", CountingSecrets(tmp_path / "desk" / "secrets.json"))
    source = config.ConfiguredSmtp(store)
    assert source() is None
    store.save(Config(smtp=SERVER))
    first = source()
    assert first is not None and (first.host, first.password) == ("mail.example.com", "s3cret")
    reads = CountingSecrets.reads
    assert source() == first and CountingSecrets.reads == reads  # unchanged: the keyring is not asked
    store.save(Config(smtp=SmtpConfig(host="other.example.com", password="n3w", sender="d@e.fg")))
    changed = source()
    assert changed is not None and (changed.host, changed.password) == ("other.example.com", "n3w")


def test_the_command_line_starts_without_reportlab_opencv_the_decoders_or_numpy():
    heavy = ("reportlab", "cv2", "pyzbar", "zxingcpp", "numpy", "PIL")
    code = f"import sys, stockdesk.cli.main; print([m for m in {heavy!r} if m in sys.modules])"
    # `stockdesk check` or `mail --flush` from cron paid for them on every start (about 0.7 s of 2.0 s,
    # measured while a CI run used both cores); `report`, `labels`, `scan` and `reorder` load them when
    # they run
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_command_line_offers_every_report_label_preset_and_decoder():
    from stockdesk.reports.label_presets import PRESETS
    from stockdesk.reports.names import LABEL_PRESET_NAMES, REPORT_NAMES
    from stockdesk.reports.registry import REPORTS
    from stockdesk.scanner.decoder_names import DECODER_NAMES
    from stockdesk.scanner.decoders import DECODERS

    assert tuple(REPORTS) == REPORT_NAMES
    assert tuple(PRESETS) == LABEL_PRESET_NAMES
    assert tuple(DECODERS) == DECODER_NAMES
