"""Real time-series servers on loopback for the history tests and benchmark.

Debian's ``influxdb`` (1.x) and ``victoria-metrics`` packages are installed by
``scripts/test`` when missing; these helpers start them on free loopback ports
with their data in a temporary directory, and stop them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import json
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

START_TIMEOUT = 60.0


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http(
    method: str, url: str, data: bytes | None = None, timeout: float = 10
) -> tuple[int, bytes]:
    """Make one plain HTTP request; return the status and body."""
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@dataclass
class Server:
    """A server process on loopback."""

    name: str
    command: list[str]
    port: int
    health_path: str
    workdir: Path
    process: subprocess.Popen[bytes] | None = None
    host: str = "127.0.0.1"
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.workdir / f"{self.name}.log"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Start the process and wait until it answers its health check."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                status, _ = http("GET", f"{self.url}{self.health_path}", timeout=2)
            except OSError:
                status = 0
            if status in (200, 204):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


def influxd(workdir: Path, data_settings: str = "") -> Server:
    """Return an InfluxDB 1.x server configured for loopback (not started)."""
    binary = shutil.which("influxd")
    if binary is None:
        raise RuntimeError("influxd is not installed (scripts/test installs Debian's influxdb)")
    port, rpc = free_port(), free_port()
    config = workdir / "influxdb.conf"
    config.write_text(
        f"""
reporting-disabled = true
bind-address = "127.0.0.1:{rpc}"
[meta]
  dir = "{workdir}/meta"
[data]
  dir = "{workdir}/data"
  wal-dir = "{workdir}/wal"
  query-log-enabled = false
{data_settings}
[http]
  enabled = true
  bind-address = "127.0.0.1:{port}"
  log-enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
"""
    )
    return Server("influxd", [binary, "-config", str(config)], port, "/ping", workdir)


def victoria_metrics(workdir: Path, host: str = "127.0.0.1", port: int | None = None) -> Server:
    """Return a VictoriaMetrics server configured for loopback (not started).

    On a free port of 127.0.0.1 unless told another loopback address and port.
    """
    binary = shutil.which("victoria-metrics")
    if binary is None:
        raise RuntimeError("victoria-metrics is not installed (scripts/test installs it)")
    port = port or free_port()
    command = [
        binary,
        f"-storageDataPath={workdir}/vm-data",
        f"-httpListenAddr={host}:{port}",
        "-retentionPeriod=100y",
        "-search.disableCache",
    ]
    return Server("victoria-metrics", command, port, "/health", workdir, host=host)


def influxql(server: Server, database: str, query: str) -> list[dict[str, object]]:
    """Run InfluxQL on an InfluxDB 1.x server; return rows with their tags."""
    params = urllib.parse.urlencode({"db": database, "q": query, "epoch": "ms"})
    status, body = http("POST", f"{server.url}/query?{params}")
    assert status == 200, body
    rows: list[dict[str, object]] = []
    for result in json.loads(body)["results"]:
        assert "error" not in result, result
        for series in result.get("series", []):
            for values in series["values"]:
                rows.append(
                    {**series.get("tags", {}), **dict(zip(series["columns"], values, strict=True))}
                )
    return rows


def create_database(server: Server, database: str) -> None:
    """Create a database on an InfluxDB 1.x server."""
    params = urllib.parse.urlencode({"q": f'CREATE DATABASE "{database}"'})
    status, body = http("POST", f"{server.url}/query?{params}")
    assert status == 200, body


def vm_export(server: Server, match: str) -> list[dict[str, object]]:
    """Return VictoriaMetrics' raw series matching a selector (after a flush)."""
    http("GET", f"{server.url}/internal/force_flush")
    params = urllib.parse.urlencode({"match[]": match})
    status, body = http("GET", f"{server.url}/api/v1/export?{params}")
    assert status == 200, body
    return [json.loads(line) for line in body.decode().splitlines() if line.strip()]
