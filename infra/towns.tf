# The towns are data in Firestore, loaded with `python -m otklik config load` (README); infra reads the same file
# only to check it against the deployment.
locals {
  towns = jsondecode(file("${path.module}/${var.towns_file}")).towns
}

# Reports count months and the tick runs in one region-wide time zone.
check "towns_share_the_region_timezone" {
  assert {
    condition     = alltrue([for town in local.towns : town.timezone == var.timezone])
    error_message = "A town in ${var.towns_file} has a time zone other than var.timezone (${var.timezone}): its months in the monthly report would not be its own."
  }
}
