# Photo reports: private, read and written only by the functions' own accounts (identities.tf).
resource "google_storage_bucket" "photos" {
  name                        = "${var.project_id}-otklik-photos"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  dynamic "lifecycle_rule" {
    for_each = var.photo_retention_days > 0 ? [var.photo_retention_days] : []
    content {
      condition {
        age = lifecycle_rule.value
      }
      action {
        type = "Delete"
      }
    }
  }

  depends_on = [google_project_service.api]
}
