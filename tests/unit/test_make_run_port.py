"""`make run` holds the functions' port from its first step: the emulators and fakes it starts next take free ports
the system hands out, and one of them could otherwise be the functions' port (seen once in CI)."""
from __future__ import annotations

import socket

import pytest

from otklik.devstack.emulators import free_port
from otklik.devstack.run import _hold_port


def test_the_functions_port_is_held_until_their_server_takes_it() -> None:
    port = free_port()
    held = _hold_port(port)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        with pytest.raises(OSError):
            other.bind(("127.0.0.1", port))
    held.close()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))  # free again for the functions' server


def test_a_port_in_use_stops_make_run_naming_it() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit, match=f"Port {port} is in use"):
            _hold_port(port)
