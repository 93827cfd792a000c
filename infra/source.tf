# functions/ as deployed: the same files gcloud would upload (functions/.gcloudignore; tests/infra checks that
# every pattern there is excluded here too).
data "archive_file" "functions" {
  type        = "zip"
  source_dir  = "${path.module}/../functions"
  output_path = "${path.module}/.build/functions.zip"
  # __pycache__ is kept: `make deploy` compiles it (checked-hash) just before, for quicker cold starts.
  excludes = [
    ".gcloudignore",
    "otklik/devstack/**",
    "otklik/platforms/*/fake.py",
    "otklik/platforms/*/__pycache__/fake.*.pyc",
  ]
}

resource "google_storage_bucket" "source" {
  name                        = "${var.project_id}-otklik-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  depends_on                  = [google_project_service.api]
}

# Named by content: a change of the source is a new object, and every function is built again from it.
resource "google_storage_bucket_object" "source" {
  name   = "functions-${data.archive_file.functions.output_md5}.zip"
  bucket = google_storage_bucket.source.name
  source = data.archive_file.functions.output_path
}
