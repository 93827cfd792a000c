"""The one place configuration comes from: environment variables (Secret Manager mounts in the cloud)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from otklik.logs import LogFormat


class Topics(BaseSettings):
    """Pub/Sub topic ids; a prefix keeps test runs apart on a shared emulator."""

    model_config = SettingsConfigDict(env_prefix="OTKLIK_TOPIC_", frozen=True)

    prefix: str = ""
    appeal_received: str = "appeal.received"
    appeal_routed: str = "appeal.routed"
    reply_requested: str = "reply.requested"
    regional_callback: str = "regional.callback"
    appeal_escalated: str = "appeal.escalated"
    deadline_warning: str = "appeal.deadline-warning"
    deadline_tick: str = "deadline.tick"
    staff_notice: str = "staff.notice"
    # Cloud Scheduler's daily tick of the erasure of personal data past its retention period.
    retention_tick: str = "retention.tick"

    def name(self, topic: str) -> str:
        return f"{self.prefix}{topic}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OTKLIK_", frozen=True)

    project_id: str = Field(
        default="otklik-local",
        validation_alias=AliasChoices("OTKLIK_PROJECT_ID", "GOOGLE_CLOUD_PROJECT", "GCP_PROJECT"),
    )
    topics: Topics = Field(default_factory=Topics)
    # Webhook secrets and platform tokens by the names channel configurations refer to,
    # as one JSON object: {"telegram-yuzhno-webhook": "...", ...}.
    channel_secrets: dict[str, SecretStr] = Field(default_factory=dict)
    config_cache_seconds: float = 60.0
    max_body_bytes: int = 1024 * 1024
    publish_timeout_seconds: float = 10.0
    firestore_timeout_seconds: float = 10.0
    log_level: str = "INFO"
    # "json": Cloud Logging's structured lines (the cloud); "text": one readable line per event (`make run` sets it).
    log_format: LogFormat = "json"
    # Months and working hours are counted in the region's local time; everything is stored in UTC.
    timezone: str = "Asia/Sakhalin"
    photo_bucket: str = "otklik-photos"
    # Where the platforms' APIs are; tests and `make run` point these at local fakes.
    platform_base_urls: dict[str, str] = Field(default_factory=lambda: {
        "vk": "https://api.vk.ru", "telegram": "https://api.telegram.org", "ok": "https://api.ok.ru",
        "max": "https://platform-api2.max.ru",
    })
    platform_timeout_seconds: float = 10.0
    # How often the console's queue asks for new rows (browser tests make it shorter).
    console_poll_seconds: float = Field(default=15.0, gt=0)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
