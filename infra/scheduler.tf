# sweep_deadlines runs on every tick (push subscription "sweep-deadlines"); the tick's content does not matter.
resource "google_cloud_scheduler_job" "deadline_tick" {
  name        = "deadline-tick"
  region      = var.region
  description = "Deadline warnings, escalations, auto-resolution and the outbox sweep"
  schedule    = "*/5 * * * *"
  time_zone   = var.timezone

  pubsub_target {
    topic_name = google_pubsub_topic.topic["deadline_tick"].id
    data       = base64encode("{}")
  }

  depends_on = [google_project_service.api]
}

# erase_expired once a day, at night in the region (push subscription "erase-expired").
resource "google_cloud_scheduler_job" "retention_tick" {
  name        = "retention-tick"
  region      = var.region
  description = "Erasure of residents' personal data past each town's retention period"
  schedule    = "30 3 * * *"
  time_zone   = var.timezone

  pubsub_target {
    topic_name = google_pubsub_topic.topic["retention_tick"].id
    data       = base64encode("{}")
  }

  depends_on = [google_project_service.api]
}

# retrain_classifier every night (push subscription "retrain-classifier"): every town whose examples are newer than
# its model. Operators' decisions also ask for it when enough arrived (services/learning.py).
resource "google_cloud_scheduler_job" "classifier_retrain" {
  name        = "classifier-retrain"
  region      = var.region
  description = "Retraining of the towns' classifier models from operators' decisions"
  schedule    = "0 4 * * *"
  time_zone   = var.timezone

  pubsub_target {
    topic_name = google_pubsub_topic.topic["classifier_retrain"].id
    data       = base64encode("{}")
  }

  depends_on = [google_project_service.api]
}
