# One secret per kind of secret (otklik.topology.SecretGroup), each a JSON object {name: value} by the names the
# channel and regional client configurations refer to. A function mounts only the secret it reads, as
# OTKLIK_CHANNEL_SECRETS (Settings.channel_secrets), and its account may access only that one (identities.tf).
# Values are added with gcloud (README), never here.
resource "google_secret_manager_secret" "secret" {
  for_each  = local.secrets
  secret_id = each.key
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
resource "google_secret_manager_secret_version" "initial" {
  for_each    = local.secrets
  secret      = google_secret_manager_secret.secret[each.key].id
  secret_data = "{}"
  lifecycle {
    ignore_changes = all
  }
}

# Deployments made before the split had one secret, otklik-channel-secrets, holding everything and readable by seven
# functions. Terraform forgets it rather than deleting it (its values are yours to copy: README, "Secrets"); its
# access grants are removed. Delete it with gcloud once the new secrets are filled.
removed {
  from = google_secret_manager_secret.channel_secrets
  lifecycle {
    destroy = false
  }
}

removed {
  from = google_secret_manager_secret_version.channel_secrets_initial
  lifecycle {
    destroy = false
  }
}
