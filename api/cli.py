"""Command line: `python -m api.cli <command>` in the project's environment (.venv)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from api.settings import get_settings


def _create_token(args: argparse.Namespace) -> int:
    from api.auth.tokens import create_token
    from api.store.db import session_scope

    async def make() -> str:
        async with session_scope(get_settings().database_url) as db:
            return await create_token(db, args.name, args.role)

    print(asyncio.run(make()))
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from api.store.migrate import upgrade

    upgrade(get_settings().database_url)
    return 0


def _train(_args: argparse.Namespace) -> int:
    from api.engine.model import ensure_model

    ensure_model()
    return 0


def _run(args: argparse.Namespace) -> int:
    from api.engine.model import ensure_model
    from api.store.migrate import upgrade
    from api.supervisor import Ports, run

    database_url = get_settings().database_url
    model = ensure_model()
    upgrade(database_url)
    ports = Ports(rasa=args.rasa_port, actions=args.actions_port, api=args.api_port)
    return run(ports, database_url, model)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.cli", description="Voordeur tools")
    sub = parser.add_subparsers(dest="command", required=True)

    token = sub.add_parser("create-token", help="make a bearer token (prints the token only)")
    token.add_argument("--name", required=True)
    token.add_argument(
        "--role", required=True, choices=("frontoffice", "teamlead", "worker", "admin")
    )
    token.set_defaults(func=_create_token)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)
    sub.add_parser("train", help="train the Rasa model if bot/ or config.yml changed").set_defaults(
        func=_train
    )

    run = sub.add_parser("run", help="start Rasa, the action server and the API together")
    run.add_argument("--rasa-port", type=int, default=5005)
    run.add_argument("--actions-port", type=int, default=5055)
    run.add_argument("--api-port", type=int, default=8000)
    run.set_defaults(func=_run)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
