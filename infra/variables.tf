variable "project_id" {
  type        = string
  description = "The Google Cloud project Otklik runs in."
}

variable "region" {
  type        = string
  description = "Where the functions, Pub/Sub, Cloud Scheduler, the photo bucket and (unless firestore_location says otherwise) Firestore live, and so where residents' personal data is stored: the operator's choice, with no default (README: Residents' personal data)."
}

variable "firestore_location" {
  type        = string
  default     = null
  description = "Firestore location; the region when null. Cannot be changed once the database exists."
}

variable "timezone" {
  type        = string
  default     = "Asia/Sakhalin"
  description = "The region's local time: OTKLIK_TIMEZONE (months, working hours) and the deadline tick's schedule."
}

variable "towns_file" {
  type        = string
  default     = "config/towns.json"
  description = "The towns' configuration, relative to infra/; loaded into Firestore by `python -m otklik config load`."
}

variable "python_runtime" {
  type        = string
  default     = "python311" # the interpreter the test suite runs on
  description = "Cloud Functions runtime of every function."

  validation {
    condition     = contains(["python311", "python312"], var.python_runtime)
    error_message = "The code needs Python 3.11 or later: python311 or python312."
  }
}

variable "default_function_memory" {
  type    = string
  default = "512Mi"
}

variable "function_memory" {
  type        = map(string)
  default     = { operator_api = "1Gi", console = "1Gi" } # up to ten 10 MB photos decoded and re-encoded per answer
  description = "Memory by function name, where the default is not enough."
}

variable "default_max_instances" {
  type    = number
  default = 10
}

variable "max_instances" {
  type        = map(number)
  default     = {}
  description = "Maximum instances by function name. regional_api's per-client rate limit is per instance."
}

variable "log_level" {
  type    = string
  default = "INFO"
}

variable "photo_retention_days" {
  type        = number
  default     = 1825
  description = "Photo reports are deleted this many days after upload (0: kept forever)."
}

variable "secret_versions" {
  type        = map(string)
  default     = {}
  description = "Version of each secret (by secret id, e.g. otklik-platform-tokens) the functions mount; latest when absent. Pin a number to roll a new version out on deploy."
}

variable "alert_notification_channels" {
  type        = list(string)
  description = "Cloud Monitoring notification channels every alert (monitoring.tf) goes to, by id: projects/<project>/notificationChannels/<id>. Create them first (e-mail, SMS, a webhook to the duty chat). No default: an empty list is a choice, alerts seen only in the console."
}

variable "function_error_rate_threshold" {
  type        = number
  default     = 0.05
  description = "Alert when this share of a function's requests (or Pub/Sub pushes) fails with 5xx over 5 minutes."

  validation {
    condition     = var.function_error_rate_threshold > 0 && var.function_error_rate_threshold < 1
    error_message = "A share between 0 and 1."
  }
}

variable "sweep_silence_seconds" {
  type        = number
  default     = 600
  description = "Alert when the deadline sweep (a tick every 5 minutes) has logged no tick for this long: one tick missed, without paging for a tick a few seconds late."
}
