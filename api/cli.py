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


def _create_staff(args: argparse.Namespace) -> int:
    """A staff account. The password comes from VOORDEUR_NEW_PASSWORD, a pipe, or a prompt:
    never from the command line, where it would stay in the shell's history."""
    import getpass
    import os

    from api.staff.accounts import create_staff
    from api.store.db import get_async_engine, session_scope

    password = os.environ.get("VOORDEUR_NEW_PASSWORD")
    if password is None:
        password = (
            getpass.getpass("Wachtwoord (minstens 12 tekens): ")
            if sys.stdin.isatty()
            else sys.stdin.readline().rstrip("\n")
        )
    settings = get_settings()

    async def make() -> None:
        try:
            async with session_scope(settings.database_url) as db:
                await create_staff(
                    db, args.username, args.name, args.role, password, args.organisation
                )
        finally:
            await get_async_engine(settings.database_url).dispose()

    try:
        asyncio.run(make())
    except ValueError as error:
        print(f"not made: {error}", file=sys.stderr)
        return 2
    print(f"staff account {args.username} ({args.role}) made")
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from api.store.migrate import upgrade

    upgrade(get_settings().database_url)
    return 0


def _train(_args: argparse.Namespace) -> int:
    from api.engine.model import ensure_model

    ensure_model()
    return 0


def _send_notifications(_args: argparse.Namespace) -> int:
    """For a scheduler too: the API retries on its own, this is for when it is not running."""
    from api.notify.outbox import deliver_pending
    from api.store.db import get_async_engine

    settings = get_settings()

    async def send() -> int:
        try:
            return await deliver_pending(settings)
        finally:
            await get_async_engine(settings.database_url).dispose()

    print(f"sent: {asyncio.run(send())}")
    return 0


def _retention(_args: argparse.Namespace) -> int:
    """For a scheduler, once a day: delete what has passed its retention period."""
    from api.retention import run_retention
    from api.store.db import get_async_engine

    settings = get_settings()

    async def run() -> list[str]:
        try:
            return (await run_retention(settings)).lines()
        finally:
            await get_async_engine(settings.database_url).dispose()

    print("\n".join(asyncio.run(run())))
    return 0


def _new_key(_args: argparse.Namespace) -> int:
    from api.security.cipher import new_key

    print(new_key())
    return 0


def _rotate_keys(_args: argparse.Namespace) -> int:
    """After putting a new key first in VOORDEUR_ENCRYPTION_KEYS: re-encrypt everything."""
    from api.security.rotation import rotate_all
    from api.store.db import get_async_engine

    settings = get_settings()

    async def run() -> dict[str, int]:
        try:
            return await rotate_all(settings.database_url)
        finally:
            await get_async_engine(settings.database_url).dispose()

    for table, count in asyncio.run(run()).items():
        print(f"{table}: {count} values re-encrypted")
    return 0


def _run(args: argparse.Namespace) -> int:
    from api.engine.model import ensure_model
    from api.store.migrate import upgrade
    from api.supervisor import Ports, run

    settings = get_settings()
    database_url = settings.database_url
    if (args.rasa_replicas > 1 or args.api_workers > 1) and not settings.redis_url:
        # Rasa replicas share a conversation only through the Redis lock store, and
        # API workers keep turns in order and count rate limits through Redis.
        print(
            "Several Rasa replicas or API workers need Redis: set VOORDEUR_REDIS_URL, "
            "e.g. redis://127.0.0.1:6379/0 (see README, 'Production layout').",
            file=sys.stderr,
        )
        return 2
    from api.security.secrets import enforce

    enforce(settings)
    model = ensure_model()
    upgrade(database_url)
    ports = Ports(
        rasa=args.rasa_port,
        actions=args.actions_port,
        api=args.api_port,
        rasa_replicas=args.rasa_replicas,
        api_workers=args.api_workers,
    )
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

    staff = sub.add_parser("create-staff", help="make a staff account for the staff pages")
    staff.add_argument("--username", required=True)
    staff.add_argument("--name", required=True)
    staff.add_argument(
        "--role", required=True, choices=("frontoffice", "teamlead", "admin", "worker")
    )
    staff.add_argument("--organisation", default="", help="for a worker: their organisation")
    staff.set_defaults(func=_create_staff)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)
    sub.add_parser("train", help="train the Rasa model if bot/ or config.yml changed").set_defaults(
        func=_train
    )

    sub.add_parser(
        "send-notifications", help="send mails about urgent intakes that are still pending"
    ).set_defaults(func=_send_notifications)

    sub.add_parser(
        "retention", help="delete what has passed its retention period (daily, by a scheduler)"
    ).set_defaults(func=_retention)
    sub.add_parser("new-key", help="print a new encryption key").set_defaults(func=_new_key)
    sub.add_parser(
        "rotate-keys", help="re-encrypt stored free text with the first key"
    ).set_defaults(func=_rotate_keys)

    run = sub.add_parser("run", help="start Rasa, the action server and the API together")
    run.add_argument("--rasa-port", type=int, default=5005)
    run.add_argument("--actions-port", type=int, default=5055)
    run.add_argument("--api-port", type=int, default=8000)
    run.add_argument(
        "--rasa-replicas", type=int, default=1, help="Rasa processes (ports rasa-port, +1, ...)"
    )
    run.add_argument(
        "--api-workers",
        type=int,
        default=1,
        help="API processes; with more than one they listen on api-port+1, ... behind a "
        "round-robin balancer on api-port",
    )
    run.set_defaults(func=_run)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
