output "http_function_urls" {
  description = "URL of every HTTP function. Webhooks add a path: see infra/README.md."
  value       = { for name, f in local.http_functions : name => google_cloudfunctions2_function.function[name].url }
}

output "photo_bucket" {
  value = google_storage_bucket.photos.name
}

output "secrets" {
  description = "Each Secret Manager secret (a JSON object of secrets by name; add versions with gcloud) and the functions that mount it."
  value       = { for id in local.secrets : id => [for name, f in local.functions : name if f.secret == id] }
}

output "dead_letter_subscriptions" {
  value = [for subscription in google_pubsub_subscription.dead_letter : subscription.name]
}

output "towns" {
  value = [for town in local.towns : town.code]
}
