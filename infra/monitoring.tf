# Failures someone sees: Cloud Monitoring alerts, sent to var.alert_notification_channels. tests/infra checks that each
# watches what it should: every dead-letter subscription, the sweep's tick line as the code logs it, every function.

locals {
  # Cloud Run service names of the functions (a 2nd gen function is served by the Cloud Run service of its name).
  function_services = join(", ", [for name in keys(local.functions) : "\"${replace(name, "_", "-")}\""])

  # The lines the code logs, as Cloud Logging stores them (jsonPayload: the JSON line, otklik/logs.py).
  # otklik.services.sweep: one "deadline sweep" line per finished tick.
  sweep_tick_filter = "resource.type=\"cloud_run_revision\" AND jsonPayload.logger=\"otklik.services.sweep\" AND jsonPayload.message=\"deadline sweep\""
  # otklik.services.dead_letter_marks.DEAD_LETTER_MARKED: one line per appeal a dead letter marked.
  dead_letter_mark_filter = "resource.type=\"cloud_run_revision\" AND jsonPayload.message=\"dead letter marked\""
}

resource "google_logging_metric" "sweep_ticks" {
  name   = "otklik/sweep_ticks"
  filter = local.sweep_tick_filter
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

# Counted per kind: the push subscription whose retries ran out (deliver-reply, deliver-regional-callback, route-appeal).
resource "google_logging_metric" "dead_letters_marked" {
  name   = "otklik/dead_letters_marked"
  filter = local.dead_letter_mark_filter
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
    labels {
      key         = "dead_letter"
      value_type  = "STRING"
      description = "The push subscription whose retries ran out."
    }
  }
  label_extractors = {
    dead_letter = "EXTRACT(jsonPayload.dead_letter)"
  }
}

# Any message waiting in a dead-letter subscription: `python -m otklik dead-letters list` shows it.
resource "google_monitoring_alert_policy" "dead_letter_backlog" {
  for_each     = local.push_subscriptions
  display_name = "Otklik: dead letters of ${each.key} are waiting"
  combiner     = "OR"

  conditions {
    display_name = "${each.key}.dead-letter holds undelivered messages"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.dead_letter[each.key].name}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
      trigger {
        count = 1
      }
    }
  }

  notification_channels = var.alert_notification_channels
  documentation {
    mime_type = "text/markdown"
    content   = "Pub/Sub gave up on messages of ${each.key}. `python -m otklik dead-letters list --topic ${each.key}` shows them (appeal, last error, attempts, age); once the cause is fixed, `dead-letters replay --topic ${each.key}` sends them again."
  }
}

# The deadline sweep logs one "deadline sweep" line per tick, every 5 minutes (scheduler.tf): none for
# var.sweep_silence_seconds means ticks are missed (Cloud Scheduler, the subscription or the function is down).
resource "google_monitoring_alert_policy" "sweep_silent" {
  display_name = "Otklik: the deadline sweep has stopped"
  combiner     = "OR"

  conditions {
    display_name = "no deadline sweep tick logged for ${var.sweep_silence_seconds} s"
    condition_absent {
      filter   = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.sweep_ticks.name}\""
      duration = "${var.sweep_silence_seconds}s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }
      trigger {
        count = 1
      }
    }
  }

  notification_channels = var.alert_notification_channels
  documentation {
    mime_type = "text/markdown"
    content   = "No warnings, escalations or auto-resolutions are made while the sweep is stopped. Check the Cloud Scheduler job `deadline-tick`, the `sweep-deadlines` subscription and the function's logs; `python -m otklik sweep` runs one tick by hand."
  }
}

# The share of a function's requests (HTTP calls and Pub/Sub pushes alike) answered 5xx, each function on its own.
resource "google_monitoring_alert_policy" "function_errors" {
  display_name = "Otklik: a function fails too often"
  combiner     = "OR"

  conditions {
    display_name = "5xx share of a function's requests over ${var.function_error_rate_threshold}"
    condition_threshold {
      filter             = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = \"5xx\" AND resource.labels.service_name = one_of(${local.function_services})"
      denominator_filter = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND resource.labels.service_name = one_of(${local.function_services})"
      comparison         = "COMPARISON_GT"
      threshold_value    = var.function_error_rate_threshold
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }
      trigger {
        count = 1
      }
    }
  }

  notification_channels = var.alert_notification_channels
  documentation {
    mime_type = "text/markdown"
    content   = "A function answers 5xx (or its Pub/Sub pushes fail) more often than the threshold. Its logs name the error; a Pub/Sub function's messages are retried and, in the end, dead-lettered (`python -m otklik dead-letters list`)."
  }
}
