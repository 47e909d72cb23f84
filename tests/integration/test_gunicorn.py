"""gunicorn, started with config/gunicorn.conf.py, answers while slow clients trickle headers in.

With the sync worker each process serves one connection at a time: six clients
sending a header line every 5 s once held every process and the site did not
answer for 67 s. The threaded worker holds a thread per slow client and goes on
serving with the others. Threads only raise the number of slow clients it
takes; nginx in front (deploy/nginx.conf) is what times them out.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.services

SLOW_CLIENTS = 6
#: Header lines each slow client sends, one a second, without ever ending its headers.
HEADER_LINES = 6
#: A page that needs no database, so that the server needs nothing but itself.
PAGE = "/accounts/login/"


def get(port: int, timeout: float) -> int:
    """Return the status of a GET of ``PAGE``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", PAGE)
        return connection.getresponse().status
    finally:
        connection.close()


def trickle_headers(port: int) -> None:
    """Open a request and send one more header line a second, never the end of the headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        for number in range(HEADER_LINES):
            time.sleep(1)
            sock.sendall(f"X-Slow-{number}: 1\r\n".encode())


@pytest.fixture
def gunicorn(tmp_path):
    """Start gunicorn with the project's config on a free port; yield the port.

    One process with eight threads, so that the six slow clients cannot take
    every thread whichever process the kernel hands them to.
    """
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "8",
    }
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "config/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                if get(port, timeout=1) == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("gunicorn did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_six_clients_trickling_headers_do_not_stop_a_seventh_request(gunicorn):
    slow_clients = [
        threading.Thread(target=trickle_headers, args=(gunicorn,), daemon=True)
        for _ in range(SLOW_CLIENTS)
    ]
    for client in slow_clients:
        client.start()
    time.sleep(1.5)

    started = time.monotonic()
    status = get(gunicorn, timeout=3)
    elapsed = time.monotonic() - started
    still_trickling = sum(client.is_alive() for client in slow_clients)
    for client in slow_clients:
        client.join(timeout=HEADER_LINES + 5)

    assert status == 200
    assert elapsed < 2
    assert still_trickling == SLOW_CLIENTS
