"""A fallback load generator for when wrk cannot be installed: keep-alive connections, one thread each, each
request a new Telegram update. Prints the same BENCH_JSON line as bench/load.py's wrk script.

    python bench/pyload.py URL SECRET CHAT_BASE SECONDS CONNECTIONS LIMIT

Python threads share one interpreter lock, so on a small machine this generator is slower than wrk and
competes for the CPU with the server it loads: its figures are a lower bound."""
from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit

TEXT = "Во дворе дома 12 по ул. Ленина третью неделю не вывозят мусор"


def main(argv: list[str]) -> int:
    url, secret, chat_base, seconds, connections, limit = (argv[0], argv[1], int(argv[2]), float(argv[3]),
                                                           int(argv[4]), int(argv[5]))
    parts = urlsplit(url)
    path = parts.path or "/"
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    answered = [0]

    def worker(number: int) -> None:
        chat = chat_base + number
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        counter = 0
        while time.perf_counter() < deadline:
            with lock:
                if limit and answered[0] >= limit:
                    return
            counter += 1
            body = json.dumps({"update_id": counter, "message": {
                "message_id": counter, "from": {"id": chat, "is_bot": False, "first_name": "Анна"},
                "chat": {"id": chat, "type": "private"}, "date": int(time.time()), "text": TEXT}},
                ensure_ascii=False).encode()
            started = time.perf_counter()
            try:
                connection.request("POST", path, body, {"Content-Type": "application/json",
                                                        "X-Telegram-Bot-Api-Secret-Token": secret})
                response = connection.getresponse()
                response.read()
                status = response.status
            except TimeoutError:
                kind = "timeout"
            except ConnectionRefusedError:
                kind = "connect"
            except OSError:
                kind = "read"
            else:
                kind = "" if 200 <= status < 400 else "status"
            elapsed = time.perf_counter() - started
            with lock:
                answered[0] += 1
                if kind in ("timeout", "connect", "read"):
                    errors[kind] += 1
                    connection.close()
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                    continue
                if kind == "status":
                    errors["status"] += 1
                latencies.append(elapsed)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]

    def rank(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1e6

    result = {"requests": answered[0], "duration_us": int(duration * 1e6), **errors,
              "p50_us": int(rank(0.5)), "p90_us": int(rank(0.9)), "p99_us": int(rank(0.99)),
              "mean_us": sum(ordered) / len(ordered) * 1e6, "max_us": int(ordered[-1] * 1e6)}
    print("BENCH_JSON " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
