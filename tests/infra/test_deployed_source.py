"""What goes to the cloud (functions/ less what functions/.gcloudignore and infra/source.tf leave out) holds what
the functions need and none of the local tooling: the local stack (devstack/) and the fake platform APIs, which
live beside the clients they fake (platforms/<network>/fake.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.import_graph import imports, module_paths
from tests.infra.checks import fail_on
from tests.infra.code_facts import FUNCTIONS, PACKAGE, deployed_modules, left_out_of_deployment

PLATFORMS = ("vk", "telegram", "ok", "max")


def _bytecode(path: Path) -> Path:
    return Path(importlib.util.cache_from_source(str(path)))


def test_no_deployed_module_imports_one_left_out() -> None:
    """Inside a function too: the import would fail in the cloud on the first call that reaches it."""
    paths = module_paths()
    problems = [f"{edge.importer}:{edge.line} imports {edge.imported}, which is not deployed"
                for edge in imports()
                if not left_out_of_deployment(paths[edge.importer]) and left_out_of_deployment(paths[edge.imported])]
    fail_on(problems)


def test_the_local_stack_and_the_fake_platforms_are_left_out_with_their_bytecode() -> None:
    local_only = [*sorted((PACKAGE / "devstack").glob("*.py")),
                  *(PACKAGE / "platforms" / p / "fake.py" for p in PLATFORMS)]
    assert all(path.exists() for path in local_only)
    fail_on([f"{path.relative_to(FUNCTIONS)} is deployed" for path in local_only if not left_out_of_deployment(path)]
            + [f"{_bytecode(path).relative_to(FUNCTIONS)} is deployed" for path in local_only
               if not left_out_of_deployment(_bytecode(path))])


def test_the_entry_points_and_every_platform_client_are_deployed() -> None:
    needed = [FUNCTIONS / "main.py",
              *(PACKAGE / "platforms" / p / m for p in PLATFORMS for m in ("webhook.py", "replies.py"))]
    fail_on([f"{path.relative_to(FUNCTIONS)} is left out" for path in needed if left_out_of_deployment(path)]
            + [f"the bytecode of {path.relative_to(FUNCTIONS)} is left out" for path in needed
               if left_out_of_deployment(_bytecode(path))])
    assert set(deployed_modules()) >= {path for path in needed if path.is_relative_to(PACKAGE)}
