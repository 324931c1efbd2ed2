"""The outbox: a notification is queued with its intake and delivered until it is sent.

Queuing happens inside the handoff's transaction, so an acute intake can never be filed
without its mail. Delivery happens after the commit, and again on a timer for anything
the mail server refused (down, busy): nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

import aiosmtplib
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.notify import mail
from api.settings import Settings
from api.store.db import session_scope
from api.store.models import Intake, Notification

log = logging.getLogger(__name__)


def queue(db: AsyncSession, settings: Settings, intake: Intake) -> int:
    """Add one notification per configured address for this intake's urgency."""
    if not settings.smtp_host:
        return 0
    addresses = settings.notify_addresses(intake.urgency)
    for address in addresses:
        db.add(Notification(intake_id=intake.id, recipient=address))
    return len(addresses)


async def deliver_pending(settings: Settings, limit: int = 100) -> int:
    """Send what is pending, oldest first. Returns how many were sent."""
    if not settings.smtp_host:
        return 0
    async with session_scope(settings.database_url) as db:
        rows = (
            await db.execute(
                select(Notification, Intake)
                .join(Intake, Intake.id == Notification.intake_id)
                .where(Notification.status == "pending")
                .order_by(Intake.urgency_rank, Notification.created_at)
                .limit(limit)
            )
        ).all()
        work = [(n.id, n.recipient, i.reference, i.urgency, i.created_at) for n, i in rows]
    sent = 0
    for notification_id, recipient, reference, urgency, received in work:
        error: str | None = None
        try:
            message = mail.compose(settings, recipient, reference, urgency, received)
            await mail.send(settings, message)
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            # The class only: an SMTP error text may quote the address.
            error = type(exc).__name__
            log.warning("notification %s not sent yet (%s); it will be retried", reference, error)
        async with session_scope(settings.database_url) as db:
            row = await db.get(Notification, notification_id)
            if row is None or row.status == "sent":
                continue
            row.attempts += 1
            row.last_error = error
            if error is None:
                row.status = "sent"
                row.sent_at = datetime.now(UTC)
                sent += 1
    return sent


class Notifier:
    """Runs deliveries in the API process: one right after each handoff, and a retry loop.

    Deliveries never overlap (a lock), so two handoffs at once cannot send a mail twice.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[int]] = set()
        self._loop_task: asyncio.Task[None] | None = None

    def kick(self) -> None:
        if not self.settings.smtp_host:
            return
        task = asyncio.get_running_loop().create_task(self.deliver())
        # Keep a reference until done, or the task may be collected mid-flight.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def deliver(self) -> int:
        async with self._lock:
            return await deliver_pending(self.settings)

    def start(self) -> None:
        if self.settings.smtp_host:
            self._loop_task = asyncio.get_running_loop().create_task(self._retry_loop())

    async def _retry_loop(self) -> None:
        while True:
            try:
                await self.deliver()
            except Exception:  # the loop must outlive a database hiccup
                log.exception("notification retry failed; trying again later")
            await asyncio.sleep(self.settings.notify_retry_seconds)

    async def stop(self) -> None:
        if self._loop_task:
            self._loop_task.cancel()
        for task in [*self._tasks, *([self._loop_task] if self._loop_task else [])]:
            # Shutting down: a delivery cut short stays pending and is sent next start.
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
