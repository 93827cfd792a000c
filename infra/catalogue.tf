# What the code has, as the rest of infra/ deploys it. tests/infra checks these tables against functions/:
# main.py (entry points), otklik/topology.py (FUNCTION_NEEDS, PUSH_SUBSCRIPTIONS) and otklik/settings.py (Topics).

locals {
  # trigger "http": a public URL; "pubsub": reached only by the push subscriptions below.
  # timeout_seconds of a pubsub function stays within its subscription's ack deadline, or Pub/Sub would
  # deliver the message again while the first delivery still runs.
  # publishes_to: keys of local.topics it may publish to; secret: the one secret it mounts as OTKLIK_CHANNEL_SECRETS.
  functions = {
    vk_webhook                = { trigger = "http", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_received"], secret = "otklik-vk-webhook-secrets" }
    telegram_webhook          = { trigger = "http", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_received"], secret = "otklik-telegram-webhook-secrets" }
    ok_webhook                = { trigger = "http", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_received"], secret = "otklik-ok-path-tokens" }
    max_webhook               = { trigger = "http", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_received"], secret = "otklik-max-webhook-secrets" }
    operator_api              = { trigger = "http", timeout_seconds = 120, writes_firestore = true, reads_photos = false, writes_photos = true, publishes_to = ["appeal_received", "appeal_routed", "reply_requested", "regional_callback", "classifier_retrain", "incident_fan_out"], secret = null }
    regional_api              = { trigger = "http", timeout_seconds = 60, writes_firestore = true, reads_photos = true, writes_photos = false, publishes_to = ["appeal_received"], secret = "otklik-regional-client-keys" }
    open311                   = { trigger = "http", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_received"], secret = null }
    monthly_report            = { trigger = "http", timeout_seconds = 120, writes_firestore = false, reads_photos = false, writes_photos = false, publishes_to = [], secret = null }
    route_appeal              = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_routed", "incident_fan_out"], secret = null }
    group_appeal              = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_routed", "reply_requested", "regional_callback", "incident_fan_out"], secret = null }
    console                   = { trigger = "http", timeout_seconds = 120, writes_firestore = true, reads_photos = false, writes_photos = true, publishes_to = ["appeal_received", "appeal_routed", "reply_requested", "regional_callback", "classifier_retrain", "incident_fan_out"], secret = null }
    hand_to_regional          = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["regional_callback"], secret = null }
    deliver_reply             = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = true, writes_photos = false, publishes_to = [], secret = "otklik-platform-tokens" }
    mark_reply_undelivered    = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = [], secret = null }
    mark_callback_undelivered   = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = [], secret = null }
    mark_routing_failed         = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_routed"], secret = null }
    deliver_regional_callback = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = [], secret = "otklik-regional-client-keys" }
    erase_expired             = { trigger = "pubsub", timeout_seconds = 540, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = [], secret = null }
    sweep_deadlines           = { trigger = "pubsub", timeout_seconds = 120, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_received", "appeal_routed", "reply_requested", "regional_callback", "appeal_escalated", "deadline_warning", "classifier_retrain", "incident_fan_out", "staff_notice"], secret = null }
    fan_out_incident          = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = ["appeal_routed", "reply_requested", "regional_callback", "incident_fan_out"], secret = null }
    notify_staff              = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = [], secret = "otklik-platform-tokens" }
    retrain_classifier        = { trigger = "pubsub", timeout_seconds = 540, writes_firestore = true, reads_photos = false, writes_photos = false, publishes_to = [], secret = null }
  }

  # settings.Topics: field name => topic id (OTKLIK_TOPIC_PREFIX is empty in the cloud).
  topics = {
    appeal_received   = "appeal.received"
    appeal_routed     = "appeal.routed"
    reply_requested   = "reply.requested"
    regional_callback = "regional.callback"
    appeal_escalated  = "appeal.escalated"
    deadline_warning  = "appeal.deadline-warning"
    deadline_tick     = "deadline.tick"
    staff_notice      = "staff.notice"
    retention_tick    = "retention.tick"
    classifier_retrain = "classifier.retrain"
    incident_fan_out  = "incident.fan-out"
  }

  # topology.PUSH_SUBSCRIPTIONS; topic is a key of local.topics. Each gets "<name>.dead-letter". One with
  # dead_letters_of takes the dead letters of that subscription instead of its topic's messages.
  push_subscriptions = {
    "route-appeal"              = { topic = "appeal_received", dead_letters_of = null, function = "route_appeal", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "hand-to-regional"          = { topic = "appeal_routed", dead_letters_of = null, function = "hand_to_regional", filter = "attributes.department = \"regional\"", ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "group-appeal"              = { topic = "appeal_routed", dead_letters_of = null, function = "group_appeal", filter = "attributes.first_routing = \"true\"", ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "deliver-reply"             = { topic = "reply_requested", dead_letters_of = null, function = "deliver_reply", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10, min_backoff_seconds = 5, max_backoff_seconds = 600, ordered = false }
    "mark-reply-undelivered"    = { topic = "reply_requested", dead_letters_of = "deliver-reply", function = "mark_reply_undelivered", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "mark-callback-undelivered"   = { topic = "regional_callback", dead_letters_of = "deliver-regional-callback", function = "mark_callback_undelivered", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "mark-routing-failed"         = { topic = "appeal_received", dead_letters_of = "route-appeal", function = "mark_routing_failed", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "deliver-regional-callback" = { topic = "regional_callback", dead_letters_of = null, function = "deliver_regional_callback", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 50, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "notify-staff"              = { topic = "staff_notice", dead_letters_of = null, function = "notify_staff", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 20, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = false }
    "erase-expired"             = { topic = "retention_tick", dead_letters_of = null, function = "erase_expired", filter = null, ack_deadline_seconds = 600, max_delivery_attempts = 5, min_backoff_seconds = 60, max_backoff_seconds = 600, ordered = false }
    "retrain-classifier"        = { topic = "classifier_retrain", dead_letters_of = null, function = "retrain_classifier", filter = null, ack_deadline_seconds = 600, max_delivery_attempts = 5, min_backoff_seconds = 60, max_backoff_seconds = 600, ordered = false }
    "fan-out-incident"          = { topic = "incident_fan_out", dead_letters_of = null, function = "fan_out_incident", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10, min_backoff_seconds = 10, max_backoff_seconds = 600, ordered = true }
    "sweep-deadlines"           = { topic = "deadline_tick", dead_letters_of = null, function = "sweep_deadlines", filter = null, ack_deadline_seconds = 120, max_delivery_attempts = 5, min_backoff_seconds = 30, max_backoff_seconds = 600, ordered = false }
  }

  # topology.FUNCTION_NEEDS deletes_photos: may delete photo reports (identities.tf), nothing else in the bucket.
  photo_deleters = ["erase_expired"]

  http_functions   = { for name, f in local.functions : name => f if f.trigger == "http" }
  pubsub_functions = { for name, f in local.functions : name => f if f.trigger == "pubsub" }

  # One publisher grant per function and topic it publishes to: "<function>/<topic>".
  publisher_grants = {
    for grant in flatten([for name, f in local.functions : [for topic in f.publishes_to : { function = name, topic = topic }]]) :
    "${grant.function}/${grant.topic}" => grant
  }

  # Every secret some function mounts (README: what each holds).
  secrets = toset([for f in local.functions : f.secret if f.secret != null])
}
