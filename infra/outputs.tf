output "http_function_urls" {
  description = "URL of every HTTP function. Webhooks add a path: see infra/README.md."
  value       = { for name, f in local.http_functions : name => google_cloudfunctions2_function.function[name].url }
}

output "photo_bucket" {
  value = google_storage_bucket.photos.name
}

output "channel_secrets_secret" {
  description = "The Secret Manager secret holding the JSON of channel secrets (add versions with gcloud)."
  value       = google_secret_manager_secret.channel_secrets.secret_id
}

output "dead_letter_subscriptions" {
  value = [for subscription in google_pubsub_subscription.dead_letter : subscription.name]
}

output "towns" {
  value = [for town in local.towns : town.code]
}
