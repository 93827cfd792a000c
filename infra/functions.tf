locals {
  # Settings every function reads (functions/otklik/settings.py). OTKLIK_PROJECT_ID is needed: the Python 3.11+
  # runtimes set no GOOGLE_CLOUD_PROJECT.
  base_env = {
    OTKLIK_PROJECT_ID   = var.project_id
    OTKLIK_TOPIC_PREFIX = ""
    OTKLIK_TIMEZONE     = var.timezone
    OTKLIK_LOG_LEVEL    = var.log_level
  }
  photo_env = {
    OTKLIK_PHOTO_BUCKET = google_storage_bucket.photos.name
  }
}

# Every function is HTTP-invoked: the HTTP ones publicly (they check webhook secrets, signatures or API keys
# themselves), the Pub/Sub ones only by their push subscriptions' identities (pubsub.tf).
resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions
  name     = replace(each.key, "_", "-")
  location = var.region

  build_config {
    runtime         = var.python_runtime
    entry_point     = each.key
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    service_account_email          = google_service_account.function[each.key].email
    available_memory               = lookup(var.function_memory, each.key, var.default_function_memory)
    max_instance_count             = lookup(var.max_instances, each.key, var.default_max_instances)
    timeout_seconds                = each.value.timeout_seconds
    all_traffic_on_latest_revision = true
    # Pub/Sub push from this project counts as internal traffic.
    ingress_settings      = each.value.trigger == "http" ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
    environment_variables = merge(local.base_env, each.value.reads_photos || each.value.writes_photos || contains(local.photo_deleters, each.key) ? local.photo_env : {})

    # Its own secret only (secrets.tf), under the one variable Settings.channel_secrets reads.
    dynamic "secret_environment_variables" {
      for_each = each.value.secret == null ? [] : [each.value.secret]
      content {
        key        = "OTKLIK_CHANNEL_SECRETS"
        project_id = var.project_id
        secret     = google_secret_manager_secret.secret[secret_environment_variables.value].secret_id
        version    = lookup(var.secret_versions, secret_environment_variables.value, "latest")
      }
    }
  }

  # A deployment fails if the function's account cannot read its secret yet, or the build account cannot build.
  depends_on = [
    google_project_iam_member.build,
    google_secret_manager_secret_iam_member.reader,
    google_secret_manager_secret_version.initial,
  ]
}

resource "google_cloud_run_service_iam_member" "public" {
  for_each = local.http_functions
  location = google_cloudfunctions2_function.function[each.key].location
  service  = google_cloudfunctions2_function.function[each.key].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
