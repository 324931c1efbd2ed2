"""Scale-out under test: two Rasa replicas, two API workers, one action server.

As in production: the replicas share the tracker store (the test database) and a
Redis lock store; the API workers share the database and Redis (turn lock, rate
limits). Each API worker talks to its own replica, so a test that alternates workers
also alternates replicas, turn by turn. Faults can be injected on two links:

- `db_proxy` (PostgreSQL only): every service reaches the database through it;
- `engine_proxy`: API worker 1 reaches Rasa replica 1 through it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from api.engine.endpoints import write_endpoints
from api.engine.model import ensure_model
from api.supervisor import Ports, commands, service_env
from tests.support.faults import FaultProxy
from tests.support.services import UNLIMITED, Service, free_port

REDIS = "redis://127.0.0.1:6379/0"


@dataclass
class Cluster:
    database_url: str
    rasa: list[Service]
    actions: Service
    api: list[Service]
    engine_proxy: FaultProxy
    db_proxy: FaultProxy | None
    internal_token: str
    services: list[Service] = field(default_factory=list)

    def api_url(self, worker: int) -> str:
        return self.api[worker].ready_url.removesuffix("/api/health")

    def start(self) -> None:
        for service in self.services:
            service.start()
        for service in self.services:
            service.wait_ready()

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()
        self.engine_proxy.close()
        if self.db_proxy is not None:
            self.db_proxy.close()


def build_cluster(database_url: str, run_dir: Path, extra_env: dict[str, str]) -> Cluster:
    url = make_url(database_url)
    db_proxy = None
    services_url = database_url
    if url.get_backend_name() == "postgresql":
        db_proxy = FaultProxy(url.host or "127.0.0.1", url.port or 5432)
        services_url = url.set(host="127.0.0.1", port=db_proxy.port).render_as_string(
            hide_password=False
        )
    rasa_ports = [free_port(), free_port()]
    api_ports = [free_port(), free_port()]
    ports = Ports(rasa=rasa_ports[0], actions=free_port(), api=api_ports[0])
    token = secrets.token_urlsafe(24)
    env = {
        **service_env(ports, services_url, token),
        **UNLIMITED,
        "VOORDEUR_REDIS_URL": REDIS,
        **extra_env,
    }
    endpoints = write_endpoints(
        run_dir / "endpoints.yml", services_url, f"http://{ports.host}:{ports.actions}", REDIS
    )
    command = commands(ports, ensure_model(), endpoints)
    engine_proxy = FaultProxy(ports.host, rasa_ports[0])
    base = f"http://{ports.host}"

    rasa = []
    for number, port in enumerate(rasa_ports, start=1):
        argv = [*command["rasa"][:-1], str(port)]
        rasa.append(Service(f"cluster-rasa{number}", argv, env, f"{base}:{port}/"))
    apis = []
    engines = [f"{base}:{engine_proxy.port}", f"{base}:{rasa_ports[1]}"]
    for number, (port, engine) in enumerate(zip(api_ports, engines, strict=True), start=1):
        argv = [*command["api"][:-1], str(port)]
        worker_env = {**env, "VOORDEUR_RASA_URL": engine}
        apis.append(Service(f"cluster-api{number}", argv, worker_env, f"{base}:{port}/api/health"))
    actions = Service("cluster-actions", command["actions"], env, f"{base}:{ports.actions}/health")
    cluster = Cluster(
        database_url=database_url,
        rasa=rasa,
        actions=actions,
        api=apis,
        engine_proxy=engine_proxy,
        db_proxy=db_proxy,
        internal_token=token,
    )
    cluster.services = [actions, *apis, *rasa]
    return cluster
