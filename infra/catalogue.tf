# What the code has, as the rest of infra/ deploys it. tests/infra checks these tables against functions/:
# main.py (entry points), otklik/topology.py (FUNCTION_NEEDS, PUSH_SUBSCRIPTIONS) and otklik/settings.py (Topics).

locals {
  # trigger "http": a public URL; "pubsub": reached only by the push subscriptions below.
  # timeout_seconds of a pubsub function stays within its subscription's ack deadline, or Pub/Sub would
  # deliver the message again while the first delivery still runs.
  functions = {
    vk_webhook                = { trigger = "http", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = true }
    telegram_webhook          = { trigger = "http", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = true }
    ok_webhook                = { trigger = "http", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = true }
    max_webhook               = { trigger = "http", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = true }
    operator_api              = { trigger = "http", timeout_seconds = 120, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = true, channel_secrets = false }
    regional_api              = { trigger = "http", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = true, writes_photos = false, channel_secrets = true }
    open311                   = { trigger = "http", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = false }
    monthly_report            = { trigger = "http", timeout_seconds = 120, writes_firestore = false, publishes = false, reads_photos = false, writes_photos = false, channel_secrets = false }
    route_appeal              = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = false }
    hand_to_regional          = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = false }
    deliver_reply             = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, publishes = false, reads_photos = true, writes_photos = false, channel_secrets = true }
    mark_reply_undelivered    = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, publishes = false, reads_photos = false, writes_photos = false, channel_secrets = false }
    deliver_regional_callback = { trigger = "pubsub", timeout_seconds = 60, writes_firestore = true, publishes = false, reads_photos = false, writes_photos = false, channel_secrets = true }
    sweep_deadlines           = { trigger = "pubsub", timeout_seconds = 120, writes_firestore = true, publishes = true, reads_photos = false, writes_photos = false, channel_secrets = false }
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
  }

  # topology.PUSH_SUBSCRIPTIONS; topic is a key of local.topics. Each gets "<name>.dead-letter". One with
  # dead_letters_of takes the dead letters of that subscription instead of its topic's messages.
  push_subscriptions = {
    "route-appeal"              = { topic = "appeal_received", dead_letters_of = null, function = "route_appeal", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600 }
    "hand-to-regional"          = { topic = "appeal_routed", dead_letters_of = null, function = "hand_to_regional", filter = "attributes.department = \"regional\"", ack_deadline_seconds = 60, max_delivery_attempts = 5, min_backoff_seconds = 10, max_backoff_seconds = 600 }
    "deliver-reply"             = { topic = "reply_requested", dead_letters_of = null, function = "deliver_reply", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10, min_backoff_seconds = 5, max_backoff_seconds = 600 }
    "mark-reply-undelivered"    = { topic = "reply_requested", dead_letters_of = "deliver-reply", function = "mark_reply_undelivered", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10, min_backoff_seconds = 10, max_backoff_seconds = 600 }
    "deliver-regional-callback" = { topic = "regional_callback", dead_letters_of = null, function = "deliver_regional_callback", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 50, min_backoff_seconds = 10, max_backoff_seconds = 600 }
    "sweep-deadlines"           = { topic = "deadline_tick", dead_letters_of = null, function = "sweep_deadlines", filter = null, ack_deadline_seconds = 120, max_delivery_attempts = 5, min_backoff_seconds = 30, max_backoff_seconds = 600 }
  }

  http_functions   = { for name, f in local.functions : name => f if f.trigger == "http" }
  pubsub_functions = { for name, f in local.functions : name => f if f.trigger == "pubsub" }

  # Only Cloud Scheduler publishes the tick; functions publish to the rest (the outbox can hold any of them).
  published_topics = { for field, id in local.topics : field => id if field != "deadline_tick" }
}
