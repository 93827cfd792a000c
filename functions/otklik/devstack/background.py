"""A WSGI server of the local stack run in a background thread: the fakes' shared lifecycle."""
from __future__ import annotations

import threading
from typing import Self

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler


class QuietHandler(WSGIRequestHandler):
    """No access log: request lines hold Telegram's bot token and OK's access_token; the fakes print what
    they were asked to do instead."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class BackgroundServer:
    _server: BaseWSGIServer
    _thread_name = "background-server"

    def start(self) -> Self:
        # A short poll interval makes stop() quick: shutdown() waits for the loop's next poll.
        self._thread: threading.Thread | None = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name=self._thread_name, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if getattr(self, "_thread", None) is not None:  # shutdown() would wait forever for a loop that never ran
            self._server.shutdown()
            assert self._thread is not None
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
