resource "google_firestore_database" "main" {
  name                              = "(default)"
  location_id                       = coalesce(var.firestore_location, var.region)
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
  depends_on                        = [google_project_service.api]
}

# Clients never talk to Firestore: only the functions do, through IAM, which security rules do not apply to. Rules
# deny every client request outright, so that no key or token a browser or app might hold reads or writes anything.
resource "google_firebaserules_ruleset" "firestore" {
  project = var.project_id
  source {
    files {
      name    = "firestore.rules"
      content = <<-EOT
        rules_version = '2';
        service cloud.firestore {
          match /databases/{database}/documents {
            match /{document=**} {
              allow read, write: if false;
            }
          }
        }
      EOT
    }
  }
  # A changed ruleset is created before the release moves to it and the old one is deleted.
  lifecycle {
    create_before_destroy = true
  }
  depends_on = [google_project_service.api, google_firestore_database.main]
}

# The release Firestore enforces: for the (default) database it is always named cloud.firestore.
resource "google_firebaserules_release" "firestore" {
  project      = var.project_id
  name         = "cloud.firestore"
  ruleset_name = "projects/${var.project_id}/rulesets/${google_firebaserules_ruleset.firestore.name}"
}

locals {
  # functions/otklik/adapters/firestore_indexes.py COMPOSITE_INDEXES, one entry each: "<field> <order>", where
  # CONTAINS is an array field's array-contains. The emulator enforces none of them.
  composite_indexes = {
    thread_newest_first     = { collection = "appeals", fields = ["thread_key ASCENDING", "received_at DESCENDING"] }
    search_by_municipality  = { collection = "appeals", fields = ["municipality ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_status        = { collection = "appeals", fields = ["status ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_department    = { collection = "appeals", fields = ["department ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_category      = { collection = "appeals", fields = ["category ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_channel       = { collection = "appeals", fields = ["channel ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_overdue       = { collection = "appeals", fields = ["overdue ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_undelivered   = { collection = "appeals", fields = ["undelivered ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_callback_not_delivered = { collection = "appeals", fields = ["callback_not_delivered ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_routing_failed         = { collection = "appeals", fields = ["routing_failed ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    search_by_words         = { collection = "appeals", fields = ["search_words CONTAINS", "due_at ASCENDING", "__name__ ASCENDING"] }
    report_by_status        = { collection = "appeals", fields = ["received_month ASCENDING", "reportable ASCENDING", "status ASCENDING"] }
    report_by_category      = { collection = "appeals", fields = ["received_month ASCENDING", "reportable ASCENDING", "category ASCENDING"] }
    report_by_channel       = { collection = "appeals", fields = ["received_month ASCENDING", "reportable ASCENDING", "channel ASCENDING"] }
    report_by_department    = { collection = "appeals", fields = ["received_month ASCENDING", "reportable ASCENDING", "department ASCENDING"] }
    report_by_timeliness    = { collection = "appeals", fields = ["received_month ASCENDING", "reportable ASCENDING", "first_response_within_deadline ASCENDING", "overdue ASCENDING"] }
    report_response_seconds = { collection = "appeals", fields = ["received_month ASCENDING", "reportable ASCENDING", "first_response_seconds ASCENDING"] }
    feed_newest_first       = { collection = "appeals", fields = ["municipality ASCENDING", "received_at DESCENDING"] }
    feed_by_category        = { collection = "appeals", fields = ["municipality ASCENDING", "category ASCENDING", "received_at DESCENDING"] }
    erasure_due             = { collection = "appeals", fields = ["municipality ASCENDING", "retention_from ASCENDING"] }
    examples_since_model    = { collection = "classifier_examples", fields = ["town ASCENDING", "decided_at ASCENDING"] }
    # Grouping's candidates of a new appeal: open incidents and recent appeals of its town, family and places.
    incident_candidates     = { collection = "incidents", fields = ["municipality ASCENDING", "family ASCENDING", "joinable ASCENDING", "place_keys CONTAINS", "last_member_at DESCENDING"] }
    # ...and of an appeal that names no place: the town's open incidents of its family (services/grouping.py).
    town_incident_candidates = { collection = "incidents", fields = ["municipality ASCENDING", "family ASCENDING", "joinable ASCENDING", "last_member_at DESCENDING"] }
    appeal_candidates       = { collection = "appeals", fields = ["municipality ASCENDING", "grouping_family ASCENDING", "place_keys CONTAINS", "received_at DESCENDING"] }
    # The operators' list of incidents by deadline: the town's, and a department's.
    incidents_by_deadline            = { collection = "incidents", fields = ["municipality ASCENDING", "joinable ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
    incidents_of_a_month             = { collection = "incidents", fields = ["municipality ASCENDING", "created_at ASCENDING"] }
    department_incidents_by_deadline = { collection = "incidents", fields = ["municipality ASCENDING", "joinable ASCENDING", "department ASCENDING", "due_at ASCENDING", "__name__ ASCENDING"] }
  }

  # functions/otklik/adapters/firestore_indexes.py FIELD_INDEXES, one entry each: single-field indexes other than
  # Firestore's defaults (ascending, descending and array-contains, in collection scope, for every field and every
  # field of a map). indexes = [] turns them all off: for values no query reads (index writes and storage for nothing)
  # and for always-increasing timestamps no query reads, which would otherwise cap the collection's write rate (the
  # sequential-index hotspot). Fields a query filters or orders on keep what the query needs (tests/infra checks
  # that against the code's queries).
  #
  # received_at and the outbox's created_at increase too, but queries order on them; at a region's volume (far below
  # 500 writes a second) that hotspot does not bind.
  field_indexes = {
    appeals_text = { collection = "appeals", field = "text", indexes = [] }
    # The appeal's records, maps and arrays of maps read with the appeal and never queried.
    appeals_source           = { collection = "appeals", field = "source", indexes = [] }
    appeals_author           = { collection = "appeals", field = "author", indexes = [] }
    appeals_attachments      = { collection = "appeals", field = "attachments", indexes = [] }
    appeals_location         = { collection = "appeals", field = "location", indexes = [] }
    appeals_history          = { collection = "appeals", field = "history", indexes = [] }
    appeals_answers          = { collection = "appeals", field = "answers", indexes = [] }
    appeals_warning_points   = { collection = "appeals", field = "warning_points", indexes = [] }
    # History entries moved out of long appeals, a map each; read only whole, in their documents' order.
    history_archive_entry = { collection = "history_archive", field = "entry", indexes = [] }
    # Operators' labelled examples: the resident's text is read whole by retraining, never queried; a model's parts
    # likewise.
    classifier_examples_text = { collection = "classifier_examples", field = "text", indexes = [] }
    classifier_chunks_text   = { collection = "chunks", field = "text", indexes = [] }
    # An incident's members, history and problem words: read with it, never queried.
    incidents_members       = { collection = "incidents", field = "members", indexes = [] }
    incidents_history       = { collection = "incidents", field = "history", indexes = [] }
    incidents_problem_words = { collection = "incidents", field = "problem_words", indexes = [] }
    # Work on the incident (owner, answers, feedback): read with it, never queried.
    incidents_work          = { collection = "incidents", field = "work", indexes = [] }
    # The sweep finds messages left unpublished across every appeal's outbox: a collection-group query, whose
    # single-field index Firestore does not build by default.
    outbox_created_at = {
      collection = "outbox"
      field      = "created_at"
      indexes = [
        { order = "ASCENDING", query_scope = "COLLECTION" },
        { order = "ASCENDING", query_scope = "COLLECTION_GROUP" },
      ]
    }
  }
}

resource "google_firestore_index" "composite" {
  for_each    = local.composite_indexes
  database    = google_firestore_database.main.name
  collection  = each.value.collection
  query_scope = "COLLECTION"

  dynamic "fields" {
    for_each = [for field in each.value.fields : split(" ", field)]
    content {
      field_path   = fields.value[0]
      order        = fields.value[1] == "CONTAINS" ? null : fields.value[1]
      array_config = fields.value[1] == "CONTAINS" ? "CONTAINS" : null
    }
  }
}

resource "google_firestore_field" "single_field_indexes" {
  for_each   = local.field_indexes
  database   = google_firestore_database.main.name
  collection = each.value.collection
  field      = each.value.field

  index_config {
    dynamic "indexes" {
      for_each = each.value.indexes
      content {
        order       = indexes.value.order
        query_scope = indexes.value.query_scope
      }
    }
  }
}

# One TTL policy: the console's sessions (adapters/firestore_console.py), deleted by Firestore once their
# expires_at has passed (within a day or so; until then the console refuses and deletes an expired one itself).
# Appeals are records, and nothing else the code stores is short-lived data (rate limits are per instance in memory,
# idempotency lives on the appeal, outbox messages are deleted once published).
resource "google_firestore_field" "console_session_expiry" {
  database   = google_firestore_database.main.name
  collection = "console_sessions"
  field      = "expires_at"

  ttl_config {}
  # No query reads it: no single-field index either.
  index_config {}
}
