resource "google_pubsub_topic" "topic" {
  for_each = local.topics
  name     = each.value
  # A week's messages are kept, so a subscription added later (or one that lost messages) can seek back.
  message_retention_duration = "604800s"
  depends_on                 = [google_project_service.api]
}

resource "google_pubsub_topic" "dead_letter" {
  for_each   = local.push_subscriptions
  name       = "${each.key}.dead-letter"
  depends_on = [google_project_service.api]
}

# Dead letters wait here for someone to look (`python -m otklik dead-letters list|replay`, topology
# DEAD_LETTER_SUBSCRIPTIONS): a topic without a subscription would drop them. monitoring.tf alerts on any backlog.
resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = local.push_subscriptions
  name                       = "${each.key}.dead-letter"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  ack_deadline_seconds       = 60         # a listing holds them this long at most, then releases them
  message_retention_duration = "2678400s" # 31 days, the most Pub/Sub keeps
  expiration_policy {
    ttl = ""
  }
}

# Push, not Eventarc: an Eventarc trigger's own subscription can take no filter, dead-letter topic or retry policy.
resource "google_pubsub_subscription" "push" {
  for_each             = local.push_subscriptions
  name                 = each.key
  topic                = each.value.dead_letters_of == null ? google_pubsub_topic.topic[each.value.topic].id : google_pubsub_topic.dead_letter[each.value.dead_letters_of].id
  filter               = each.value.filter
  ack_deadline_seconds = each.value.ack_deadline_seconds
  # One incident's fan-out messages one at a time (topology.PushSubscription.ordered). Pub/Sub cannot change this on
  # an existing subscription: Terraform replaces it, and messages waiting in the old one are lost. Apply it when the
  # subscription is drained (no incident step or join in flight); pending joins are folded by the next step anyway.
  enable_message_ordering = each.value.ordered

  push_config {
    # The path the local stack uses too (otklik.devstack.pubsub_setup.push_endpoint): functions-framework names
    # the CloudEvent's topic after it when it turns the push body into an event.
    push_endpoint = "${google_cloudfunctions2_function.function[each.value.function].service_config[0].uri}/projects/${var.project_id}/topics/${each.value.dead_letters_of == null ? local.topics[each.value.topic] : "${each.value.dead_letters_of}.dead-letter"}"
    oidc_token {
      service_account_email = google_service_account.push[each.key].email
      audience              = google_cloudfunctions2_function.function[each.value.function].service_config[0].uri
    }
  }

  retry_policy {
    minimum_backoff = "${each.value.min_backoff_seconds}s"
    maximum_backoff = "${each.value.max_backoff_seconds}s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.key].id
    max_delivery_attempts = each.value.max_delivery_attempts
  }

  # The default deletes a subscription after 31 days without messages; regional callbacks can be that rare.
  expiration_policy {
    ttl = ""
  }

  depends_on = [
    google_cloud_run_service_iam_member.push_invoker,
    google_service_account_iam_member.push_token_creator,
  ]
}

# The identity each subscription pushes as; the only one allowed to invoke its function.
resource "google_service_account" "push" {
  for_each     = local.push_subscriptions
  account_id   = "push-${each.key}"
  display_name = "Pub/Sub push of ${each.key}"
  depends_on   = [google_project_service.api]
}

resource "google_cloud_run_service_iam_member" "push_invoker" {
  for_each = local.push_subscriptions
  location = google_cloudfunctions2_function.function[each.value.function].location
  service  = google_cloudfunctions2_function.function[each.value.function].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.push[each.key].email}"
}

# Pub/Sub mints the push identity's OIDC tokens (projects created before April 2021 lack this by default).
resource "google_service_account_iam_member" "push_token_creator" {
  for_each           = local.push_subscriptions
  service_account_id = google_service_account.push[each.key].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent
}

# The Pub/Sub service agent moves undeliverable messages: it publishes to the dead-letter topic and
# acknowledges them on the source subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.push_subscriptions
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = local.push_subscriptions
  subscription = google_pubsub_subscription.push[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}
