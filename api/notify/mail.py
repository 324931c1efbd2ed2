"""The mail itself: composed from content/staff, sent over SMTP with aiosmtplib."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import aiosmtplib

from api.settings import Settings
from content.loader import load_staff_texts

# Staff read times in the municipality's own clock.
LOCAL = ZoneInfo("Europe/Amsterdam")


def compose(
    settings: Settings, recipient: str, reference: str, urgency: str, received: datetime
) -> EmailMessage:
    staff = load_staff_texts()
    level = staff[f"mail.level.{urgency}"]
    values = {
        "level": level,
        "reference": reference,
        "received": received.astimezone(LOCAL).strftime("%d-%m-%Y %H:%M"),
        "link": f"{settings.staff_url.rstrip('/')}/frontoffice/intakes/{reference}",
    }
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = recipient
    message["Subject"] = staff["mail.subject"].format(**values)
    # High priority for mail clients that sort on it; the subject says it in words too.
    if urgency == "acute":
        message["X-Priority"] = "1"
        message["Importance"] = "high"
    message.set_content(staff["mail.body"].format(**values))
    return message


async def send(settings: Settings, message: EmailMessage) -> None:
    await aiosmtplib.send(
        message,
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_user,
        password=settings.smtp_password,
        start_tls=settings.smtp_starttls,
        timeout=settings.smtp_timeout_seconds,
    )
