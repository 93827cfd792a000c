# Settings.channel_secrets: every webhook secret, platform token and regional client key, as one JSON object by
# the names the channel and client configurations refer to. Values are added with gcloud (README), never here.
resource "google_secret_manager_secret" "channel_secrets" {
  secret_id = "otklik-channel-secrets"
  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
  depends_on = [google_project_service.api]
}

# An empty first version, so the functions deploy before the real secrets exist. Real values are later versions;
# disable this one if you like, but do not destroy it: Terraform would create it again as the latest.
resource "google_secret_manager_secret_version" "channel_secrets_initial" {
  secret      = google_secret_manager_secret.channel_secrets.id
  secret_data = "{}"
  lifecycle {
    ignore_changes = all
  }
}
