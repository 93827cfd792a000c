"""What `make run` prints about the demo town's channels, and how their secrets and keys outlive a restart."""
from __future__ import annotations

from pathlib import Path

from otklik.devstack.demo import demo_setup
from otklik.devstack.persistence import LocalData
from otklik.devstack.run import channel_lines


def test_the_vk_community_is_shown_with_its_url_secret_and_confirmation_string() -> None:
    demo = demo_setup()
    vk = demo.vk
    (line,) = [line for line in channel_lines("http://127.0.0.1:8080", demo) if "VK community" in line]
    assert "http://127.0.0.1:8080/vk_webhook" in line
    assert demo.webhook_secret(vk) in line
    assert vk.vk_confirmation and f"confirmation string {vk.vk_confirmation}" in line


def test_every_channel_is_shown_with_its_url_and_secret() -> None:
    demo = demo_setup()
    shown = "\n".join(channel_lines("http://127.0.0.1:8080", demo))
    for channel in demo.channels:
        assert f"http://127.0.0.1:8080/{channel.platform}_webhook" in shown
        assert demo.webhook_secret(channel) in shown


def test_a_saved_setup_comes_back_with_the_same_secrets_confirmation_and_keys(tmp_path: Path) -> None:
    first = demo_setup()
    first.keys["operator"] = "otk_kept"
    data = LocalData(tmp_path / "data")
    data.save_demo(first.saved())

    again = demo_setup(data.load_demo())

    assert again.secrets == first.secrets and again.keys == {"operator": "otk_kept"}
    assert again.channels == first.channels
    assert (tmp_path / "data" / "demo.json").stat().st_mode & 0o777 == 0o600
    assert demo_setup().secrets != first.secrets, "without saved data the secrets are made up anew"


def test_a_secret_added_since_the_save_is_made_up_and_the_others_kept() -> None:
    first = demo_setup()
    saved = first.saved()
    del saved["secrets"]["max-yuzhno-webhook"]
    again = demo_setup(saved)
    assert again.secrets["telegram-yuzhno-webhook"] == first.secrets["telegram-yuzhno-webhook"]
    assert again.secrets["max-yuzhno-webhook"] not in ("", first.secrets["max-yuzhno-webhook"])


def test_the_last_complete_firestore_save_is_imported(tmp_path: Path) -> None:
    data = LocalData(tmp_path)
    assert data.firestore_import() is None
    interrupted = tmp_path / "firestore.previous" / "firestore_export_1" / "firestore_export_1.overall_export_metadata"
    interrupted.parent.mkdir(parents=True)
    interrupted.touch()
    assert data.firestore_import() == interrupted, "a save stopped between its two renames leaves the previous one"
    current = tmp_path / "firestore" / "firestore_export_2" / "firestore_export_2.overall_export_metadata"
    current.parent.mkdir(parents=True)
    current.touch()
    assert data.firestore_import() == current
    data.wipe()
    assert data.firestore_import() is None and not tmp_path.exists()
