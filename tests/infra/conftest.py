"""Fixtures of the infra tests: infra/*.tf read once per module."""
from __future__ import annotations

from typing import Any

import pytest

from tests.infra import code_facts
from tests.infra.terraform import Terraform


@pytest.fixture(scope="module")
def tf() -> Terraform:
    return Terraform(code_facts.INFRA)


@pytest.fixture(scope="module")
def functions(tf: Terraform) -> dict[str, dict[str, Any]]:
    return tf.instances("google_cloudfunctions2_function", "function")
