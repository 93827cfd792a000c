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

# On each topic the function publishes to (topology.FUNCTION_NEEDS publishes_to), not the project: no function
# can publish to the tick, to a dead-letter topic, or to another function's topics (regional.callback's bodies are
# sent signed to the regional centre).
resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.publisher_grants
  topic    = google_pubsub_topic.topic[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = local.function_members[each.value.function]
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

# Delete only (no read, list or create): the erasure of personal data deletes the photo reports it names.
resource "google_project_iam_custom_role" "photo_deleter" {
  role_id     = "otklikPhotoDeleter"
  title       = "Otklik: delete photo reports"
  permissions = ["storage.objects.delete"]
  depends_on  = [google_project_service.api]
}

resource "google_storage_bucket_iam_member" "photo_deleter" {
  for_each = toset(local.photo_deleters)
  bucket   = google_storage_bucket.photos.name
  role     = google_project_iam_custom_role.photo_deleter.id
  member   = local.function_members[each.key]
}

# Each function may read the one secret it mounts (topology.FUNCTION_NEEDS secrets), and no other.
resource "google_secret_manager_secret_iam_member" "reader" {
  for_each  = { for name, f in local.functions : name => f if f.secret != null }
  secret_id = google_secret_manager_secret.secret[each.value.secret].id
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
