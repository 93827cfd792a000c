"""The HCL evaluator the infra tests rely on: what it evaluates, and that it refuses what it cannot."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.infra.terraform import Ref, Terraform, Unsupported


def read(tmp_path: Path, source: str) -> Terraform:
    (tmp_path / "main.tf").write_text(source, encoding="utf-8")
    return Terraform(tmp_path)


def test_for_each_over_a_filtered_local_with_dynamic_blocks(tmp_path: Path) -> None:
    tf = read(tmp_path, '''
variable "region" {
  default = "europe-west1"
}
locals {
  things  = { a = { on = true, tags = ["x", "y"] }, b = { on = false, tags = [] } }
  enabled = { for name, t in local.things : name => t if t.on && !false }
}
resource "kind" "r" {
  for_each = local.enabled
  name     = "${each.key}-${var.region}"
  ref      = other.thing[each.key].id
  filter   = "attributes.x = \\"y\\""
  dynamic "tag" {
    for_each = each.value.tags
    content {
      value = upper_of[tag.value]
    }
  }
  nested {
    when = each.value.on ? "yes" : "no"
  }
  depends_on = [other.thing]
}
''')
    assert tf.instances("kind", "r") == {"a": {
        "name": "a-europe-west1",
        "ref": Ref('other.thing["a"].id'),
        "filter": 'attributes.x = "y"',
        "tag": [{"value": Ref('upper_of["x"]')}, {"value": Ref('upper_of["y"]')}],
        "nested": [{"when": "yes"}],
    }}


def test_functions_and_references_inside_strings(tmp_path: Path) -> None:
    tf = read(tmp_path, '''
locals {
  merged = merge({ A = 1 }, true ? { B = res.x.name } : {})
  pairs  = { for p in setproduct(["f"], keys({ t1 = 1, t2 = 2 })) : "${p[0]}/${p[1]}" => p }
  text   = "serviceAccount:${res.y["k"].email}"
  parts  = split(" ", "due_at DESCENDING")[1]
}
''')
    assert tf.local("merged") == {"A": 1, "B": Ref("res.x.name")}
    assert tf.local("pairs") == {"f/t1": ["f", "t1"], "f/t2": ["f", "t2"]}
    assert tf.local("text") == 'serviceAccount:${res.y["k"].email}'
    assert tf.local("parts") == "DESCENDING"


def test_heredocs_keep_their_lines_and_trim_the_indentation_of_the_indented_form(tmp_path: Path) -> None:
    tf = read(tmp_path, '''
locals {
  trimmed = <<-EOT
    a {
      b;
    }
  EOT
  kept = <<EOT
  x \\n
EOT
}
''')
    assert tf.local("trimmed") == "a {\n  b;\n}\n"
    assert tf.local("kept") == "  x \\n\n"


def test_what_it_cannot_evaluate_is_refused_not_guessed(tmp_path: Path) -> None:
    tf = read(tmp_path, '''
locals {
  unknown_function = formatlist("%s", ["a"])
  apply_time_keys  = { for k, v in res.x.map : k => v }
  templated        = <<-EOT
    ${res.x.name}
  EOT
}
''')
    with pytest.raises(Unsupported, match="formatlist"):
        tf.local("unknown_function")
    with pytest.raises(Unsupported, match="apply time"):
        tf.local("apply_time_keys")
    with pytest.raises(Unsupported, match="heredoc"):
        tf.local("templated")


def test_references_render_as_terraform_writes_them() -> None:
    assert str(Ref("google_pubsub_topic.topic").index("a.b").attr("id")) == '${google_pubsub_topic.topic["a.b"].id}'
