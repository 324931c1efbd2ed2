"""The one renderer: turns the engine's envelopes into text for a language and a channel.

Rasa and the action server decide *what* to say (a content key, variables, what is
expected back); this module decides *how* it reads. Every resident-facing sentence
comes from `content/` through here, nothing else writes text for residents.
"""

from __future__ import annotations

import functools
import logging
import string
from dataclasses import dataclass, replace
from datetime import date, time
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_currency

from api.spoken import speak_numbers
from content.loader import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Variants,
    load_municipality,
    load_texts,
)
from content.translations.catalog import RIGHT_TO_LEFT, translate

log = logging.getLogger(__name__)

CHANNELS = ("web", "assisted", "voice", "sms", "whatsapp")


@dataclass(frozen=True)
class Audience:
    """Who reads (or hears) the text."""

    language: str = SOURCE_LANGUAGE
    channel: str = "web"
    simple: bool = False

    @property
    def variant_channel(self) -> str:
        # WhatsApp shows the same plain text as SMS; assisted reads like the web.
        return {"whatsapp": "sms", "assisted": "web", "phone": "voice"}.get(
            self.channel, self.channel
        )


class RenderError(KeyError):
    """An envelope names a key or a variable that content/ does not have."""


@functools.cache
def _texts(language: str) -> dict[str, Variants]:
    """Every text in `language`: Dutch from content/, others through their catalogs."""
    source = load_texts(SOURCE_LANGUAGE)
    return source if language == SOURCE_LANGUAGE else translate(source, language)


def has_text(key: str, language: str = SOURCE_LANGUAGE) -> bool:
    return key in _texts(language) or key in _texts(SOURCE_LANGUAGE)


def text_for(key: str, audience: Audience) -> str:
    texts = _texts(audience.language)
    variants = texts.get(key) or _texts(SOURCE_LANGUAGE).get(key)
    if variants is None:
        raise RenderError(key)
    return variants.pick(audience.variant_channel, simple=audience.simple)


def _globals(audience: Audience) -> dict[str, str]:
    municipality = load_municipality()
    hours = municipality.office_hours
    return {
        "phone": municipality.phone,
        "municipality": municipality.name,
        "open_from": _format_time(hours.start, audience.language),
        "open_until": _format_time(hours.end, audience.language),
    }


def _format_time(value: str, language: str) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    pattern = "H.mm" if language == SOURCE_LANGUAGE else "short"
    return format_time(time(hour, minute), pattern, locale=language)


def render_value(value: Any, audience: Audience, nested: bool = False) -> str:
    """A variable's value: plain text, or a nested key, a date, or a list of those.

    A list is one item per line (the read-back); inside a line it reads "a, b".
    """
    if isinstance(value, list):
        separator = ", " if nested else "\n"
        return separator.join(render_value(item, audience, nested) for item in value)
    if isinstance(value, dict):
        if "key" in value:
            return render_text(value["key"], value.get("vars") or {}, audience, nested=True)
        if "money" in value:
            return format_currency(
                value["money"],
                "EUR",
                format="¤ #,##0",
                locale=audience.language,
                currency_digits=False,
            )
        if "date" in value:
            return format_date(
                date.fromisoformat(value["date"]), "EEEE d MMMM", locale=audience.language
            )
        raise RenderError(f"unknown variable shape {sorted(value)}")
    return "" if value is None else str(value)


def render_text(
    key: str, variables: dict[str, Any], audience: Audience, nested: bool = False
) -> str:
    template = text_for(key, audience)
    values = _globals(audience)
    values.update(
        {name: render_value(value, audience, nested) for name, value in variables.items()}
    )
    missing = [
        name for _, name, _, _ in string.Formatter().parse(template) if name and name not in values
    ]
    if missing:
        raise RenderError(f"{key}: no value for {', '.join(missing)}")
    text = template.format_map(values)
    # Once, on the whole sentence: the ear needs numbers digit by digit.
    return speak_numbers(text) if audience.variant_channel == "voice" and not nested else text


def button_title(question: str | None, option: str, audience: Audience) -> str:
    """A button's title: the question's own, the shared one, or, for options decided in
    the conversation (a question to change, a life domain), that thing's label."""
    candidates = [
        f"{question}.option.{option}",
        f"option.{option}",
        f"{option}.label",
        f"domain.{option}.label",
        f"language.name.{option}",
    ]
    for key in candidates:
        if has_text(key, audience.language):
            return text_for(key, audience)
    raise RenderError(f"no button title for {question}: {option}")


def render_envelope(envelope: dict[str, Any], audience: Audience) -> dict[str, Any]:
    """An engine envelope as the public chat API's message (see contracts/chat-api.md)."""
    if envelope.get("language") in LANGUAGES:
        # Shown in another language than the conversation's: the offer to switch, in
        # the language the resident wrote in, and the first words after a switch.
        audience = replace(audience, language=envelope["language"])
    if envelope.get("simple"):
        # The resident asked "zeg het makkelijker": the engine marks the repeat.
        audience = replace(audience, simple=True)
    expects = envelope.get("expects")
    question = expects.get("question") if expects else None
    message: dict[str, Any] = {
        "text": render_text(envelope["key"], envelope.get("vars") or {}, audience),
        "key": envelope["key"],
        # Additions to the contract: which language the text is in, and which way it reads
        # (the widget turns Arabic right to left).
        "language": audience.language,
        "direction": "rtl" if audience.language in RIGHT_TO_LEFT else "ltr",
        "buttons": [
            {
                "title": button_title(question, button["option"], audience),
                "payload": button["payload"],
            }
            for button in envelope.get("buttons") or []
        ],
    }
    if expects:
        message["expects"] = expects
        # The widget offers "zeg het makkelijker" only where content has simpler words.
        variants = _texts(audience.language).get(envelope["key"])
        message["has_simpler"] = bool(variants and variants.simple and not audience.simple)
    return message


def payload_title(payload: str, audience: Audience) -> str:
    """What a clicked button said, for the transcript: `/choose{"question":…,"option":…}`."""
    import json

    _, _, raw = payload.partition("{")
    try:
        data = json.loads("{" + raw) if raw else {}
        return button_title(data.get("question"), data["option"], audience)
    except (ValueError, KeyError, RenderError):
        return payload
