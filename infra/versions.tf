terraform {
  required_version = ">= 1.7" # removed blocks (secrets.tf)

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4" # glob patterns in archive_file excludes
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    app = "otklik"
  }
}

data "google_project" "this" {
  project_id = var.project_id
}
