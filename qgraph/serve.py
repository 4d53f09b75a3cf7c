"""`qgraph serve`: a read-only SPARQL 1.1 endpoint, with a query page, over a built graph.

The server is Oxigraph's own (``oxigraph serve-read-only``, from the ``oxigraph`` package), run on the
query index a build writes beside the graph (``qgraph.ttl.index/``): it answers SPARQL at ``/query``,
shows its YASGUI query page at ``/`` (served from the binary, no network needed) and refuses updates.
An index that is missing or older than the graph file is an error naming `qgraph build`; no temporary
index is built (for a large graph that would take minutes and gigabytes on every start).

>>> address("127.0.0.1", 7878)
'http://127.0.0.1:7878'
"""
from __future__ import annotations

import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from qgraph.errors import EndpointError, InputError
from qgraph.files import index_for, index_path

START_TIMEOUT_S = 30.0  # how long the server may take to answer on its port
STOP_TIMEOUT_S = 5.0  # how long it may take to stop once asked, before it is killed
STOPPED_BY_SIGNAL = (-signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT, 128 + signal.SIGTERM)


def address(host: str, port: int) -> str:
    """The base URL of a server on host:port (an IPv6 address in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def server_binary() -> Path:
    """The Oxigraph server binary: beside the Python running qgraph (a virtual environment), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError("QG505", "the Oxigraph server binary is not installed (pip install oxigraph)")
    return Path(found)


def served_index(graph: Path) -> Path:
    """The up-to-date query index of ``graph``, or an error saying to build it."""
    if not graph.is_file():
        raise InputError("QG120", "graph file not found (run `qgraph build` first)", path=graph)
    index = index_for(graph)
    if index is None:
        state = "is older than the graph file" if index_path(graph).exists() else "is missing"
        raise InputError("QG125", f"the query index {index_path(graph)} {state}: run `qgraph build` to serve this "
                         "graph", path=graph)
    return index


def check_port(host: str, port: int) -> None:
    """Fail in one line when host:port cannot be bound (in use, or not an address of this machine)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise EndpointError("QG504", f"cannot serve on {host}:{port}: {exc.strerror or exc} "
                                "(choose another with --port)") from None


def _last_line(log: IO[bytes]) -> str:
    """The server's last line of output (its own words on why it stopped), or nothing."""
    log.seek(0)
    lines = log.read().decode("utf-8", errors="replace").strip().splitlines()
    return f": {lines[-1].strip()}" if lines else ""


def _wait_until_listening(process: subprocess.Popen[bytes], host: str, port: int, log: IO[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while process.poll() is None:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                stop_process(process)
                raise EndpointError("QG506", f"the Oxigraph server did not answer on {host}:{port} within "
                                    f"{START_TIMEOUT_S:g} s") from None
            time.sleep(0.05)
    raise EndpointError("QG506", f"the Oxigraph server stopped at start with exit code {process.returncode}"
                        f"{_last_line(log)}")


def stop_process(process: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM, then SIGKILL if the process has not ended within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _die_with_parent() -> None:
    """In the server's process, before it starts: on Linux, ask for SIGTERM when qgraph dies, even by
    SIGKILL, so that no server is left running without qgraph (elsewhere a no-op)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PR_SET_PDEATHSIG = 1   # from <sys/prctl.h>


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(graph: Path, host: str = "127.0.0.1", port: int = 7878,
          announce: Callable[[str], None] = print) -> None:
    """Serve ``graph`` read-only until interrupted (Ctrl-C, or SIGTERM): then stop the server and return
    normally, so that no server is left running without qgraph."""
    index = served_index(graph)
    binary = server_binary()
    check_port(host, port)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main_thread else None
    # the server's own output (its listening line) is kept aside, and quoted only when it fails
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([str(binary), "serve-read-only", "--location", str(index),
                                    "--bind", f"{host}:{port}"], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   preexec_fn=_die_with_parent)
        try:
            _wait_until_listening(process, host, port, log)
            base = address(host, port)
            announce(f"Serving {graph} at {base}/query (query page: {base}/)")
            code = process.wait()
            if code not in STOPPED_BY_SIGNAL:  # a Ctrl-C on a terminal reaches the server too
                raise EndpointError("QG506", f"the Oxigraph server stopped with exit code {code}{_last_line(log)}")
        except KeyboardInterrupt:
            pass
        finally:
            if process.poll() is None:
                stop_process(process)
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous)
