# One service account per function with the rights otklik.topology.FUNCTION_NEEDS gives it, and no others.

resource "google_service_account" "function" {
  for_each     = local.functions
  account_id   = "fn-${replace(each.key, "_", "-")}"
  display_name = "Otklik function ${each.key}"
  depends_on   = [google_project_service.api]
}

locals {
  function_members = { for name, f in local.functions : name => "serviceAccount:${google_service_account.function[name].email}" }
}

resource "google_project_iam_member" "firestore" {
  for_each = local.functions
  project  = var.project_id
  role     = each.value.writes_firestore ? "roles/datastore.user" : "roles/datastore.viewer"
  member   = local.function_members[each.key]
}

# On the topics, not the project: no function can publish to the tick or to a dead-letter topic.
resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = {
    for pair in setproduct([for name, f in local.functions : name if f.publishes], keys(local.published_topics)) :
    "${pair[0]}/${pair[1]}" => { function = pair[0], topic = pair[1] }
  }
  topic  = google_pubsub_topic.topic[each.value.topic].id
  role   = "roles/pubsub.publisher"
  member = local.function_members[each.value.function]
}

resource "google_storage_bucket_iam_member" "photo_reader" {
  for_each = { for name, f in local.functions : name => f if f.reads_photos }
  bucket   = google_storage_bucket.photos.name
  role     = "roles/storage.objectViewer"
  member   = local.function_members[each.key]
}

# Create only: photos are named by their content and never overwritten.
resource "google_storage_bucket_iam_member" "photo_writer" {
  for_each = { for name, f in local.functions : name => f if f.writes_photos }
  bucket   = google_storage_bucket.photos.name
  role     = "roles/storage.objectCreator"
  member   = local.function_members[each.key]
}

resource "google_secret_manager_secret_iam_member" "channel_secrets" {
  for_each  = { for name, f in local.functions : name => f if f.channel_secrets }
  secret_id = google_secret_manager_secret.channel_secrets.id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.function_members[each.key]
}

# Builds the functions' images: a dedicated account, since the default build account of new projects
# no longer has these rights.
resource "google_service_account" "build" {
  account_id   = "otklik-build"
  display_name = "Otklik function builds"
  depends_on   = [google_project_service.api]
}

resource "google_project_iam_member" "build" {
  project = var.project_id
  role    = "roles/cloudbuild.builds.builder"
  member  = "serviceAccount:${google_service_account.build.email}"
}
