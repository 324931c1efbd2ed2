"""Typed loader for the texts and the question bank in `content/`.

The YAML is edited by people who are not programmers, so every mistake must come
back as a sentence that names the file and the line, never as a stack trace.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONTENT_DIR = Path(__file__).resolve().parent
SOURCE_LANGUAGE = "nl"
# The languages the assistant speaks (BCP 47, as in the summary schema); Dutch is the
# source, the others are Babel catalogs in content/locale (content/translations).
LANGUAGES = (SOURCE_LANGUAGE, "en", "pl", "tr", "ar", "uk")
# Texts under this prefix are the languages' own names ("Polski", "Türkçe"): not Dutch,
# so the B1 gate skips them, and the same in every language, so never translated.
OWN_NAMES = "language.name."

Pillar = Literal["veiligheid", "bestaanszekerheid", "zorg", "meedoen"]
QuestionType = Literal[
    "choice", "multi_choice", "yes_no", "number", "text", "date", "phone", "email"
]
CHANNEL_VARIANTS = ("voice", "sms")


class ContentError(ValueError):
    """A mistake in a content file, worded for the editor who made it."""


class Variants(BaseModel):
    """One text with its variants: `simple` for "zeg het makkelijker", channel variants."""

    model_config = ConfigDict(extra="forbid")

    text: str
    simple: str | None = None
    voice: str | None = None
    sms: str | None = None

    def pick(self, channel: str = "web", simple: bool = False) -> str:
        if channel in CHANNEL_VARIANTS and getattr(self, channel):
            return getattr(self, channel)
        if simple and self.simple:
            return self.simple
        return self.text

    def all_variants(self) -> dict[str, str]:
        return {name: value for name, value in self.model_dump().items() if value}


class Question(BaseModel):
    """One question of the bank. `id` is `<domain or topic>.<name>` as in the chat contract."""

    model_config = ConfigDict(extra="forbid")

    id: str
    type: QuestionType
    options: list[str] = Field(default_factory=list)
    text: Variants
    why: Variants
    # A short name for the read-back and for "what do you want to change?" buttons.
    label: Variants | None = None
    # Options decided during the conversation (e.g. which answer to change).
    dynamic_options: bool = False
    # Asked only when an earlier answer is one of these values: {question id: [values]}.
    ask_when: dict[str, list[str]] = Field(default_factory=dict)
    # May the resident skip it? Consent and the final confirmation cannot be skipped.
    skippable: bool = True
    # For a screening question that asks about a problem ("Heeft u schulden?"), a plain
    # "ja" means `bad`; for one that asks about wellbeing ("Voelt u zich veilig?") it means `good`.
    yes_means: Literal["good", "bad"] | None = None
    # Button titles that differ from the shared ones in texts/nl/options.yml.
    labels: dict[str, Variants] = Field(default_factory=dict)

    @field_validator("text", "why", "label", mode="before")
    @classmethod
    def _plain_string_is_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @field_validator("labels", mode="before")
    @classmethod
    def _plain_string_labels(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"text": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @field_validator("id")
    @classmethod
    def _id_has_topic(cls, value: str) -> str:
        if value.count(".") != 1 or not all(value.split(".")):
            raise ValueError(f"id '{value}' must look like 'topic.name'")
        return value

    @property
    def topic(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def slot(self) -> str:
        """The Rasa slot that holds the answer."""
        return "q_" + self.id.replace(".", "__")


class LifeDomain(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    label: str
    pillar: Pillar
    questions: list[Question]


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    questions: list[Question]


class Bank(BaseModel):
    domains: dict[str, LifeDomain]
    topics: dict[str, Topic]

    def questions(self) -> dict[str, Question]:
        found: dict[str, Question] = {}
        for group in [*self.topics.values(), *self.domains.values()]:
            for question in group.questions:
                found[question.id] = question
        return found

    def question(self, question_id: str) -> Question:
        return self.questions()[question_id]


class _Loader(yaml.SafeLoader):
    """YAML with 1.2 booleans: only true/false, so `options: [yes, no]` stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false|True|False)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    """Parse content YAML the way editors expect it (see `_Loader`)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def _shown(path: Path) -> str:
    """The path as an editor knows it: relative to the checkout where possible."""
    try:
        return str(path.relative_to(CONTENT_DIR.parent))
    except ValueError:
        return str(path)


def _line_of(node: yaml.Node, path: tuple[Any, ...]) -> int:
    """Find the line (1-based) of the YAML node at `path`, as close as it gets."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == step]
            if not match:
                break
            node = match[0]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1


def _read(path: Path) -> tuple[Any, yaml.Node | None]:
    relative = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        return load_yaml(text), yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise ContentError(
            f"{relative}, line {line}: this is not valid YAML ({error.problem})"
        ) from error


def _parse(model: type[BaseModel], path: Path) -> Any:
    data, node = _read(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        line = _line_of(node, first["loc"]) if node is not None else "?"
        where = ".".join(str(part) for part in first["loc"])
        raise ContentError(f"{_shown(path)}, line {line}: {where}: {first['msg']}") from error


class _TextFile(BaseModel):
    texts: dict[str, Variants]

    @field_validator("texts", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"text": v} if isinstance(v, str) else v for k, v in value.items()}
        return value


@functools.cache
def load_bank(content_dir: Path = CONTENT_DIR) -> Bank:
    domains: dict[str, LifeDomain] = {}
    for path in sorted((content_dir / "bank" / "domains").glob("*.yml")):
        domain = _parse(LifeDomain, path)
        domains[domain.key] = domain
    topics: dict[str, Topic] = {}
    for path in sorted((content_dir / "bank" / "topics").glob("*.yml")):
        topic = _parse(Topic, path)
        topics[topic.key] = topic
    bank = Bank(domains=domains, topics=topics)
    _check_bank(bank)
    return bank


def _check_bank(bank: Bank) -> None:
    seen: set[str] = set()
    for group in [*bank.topics.values(), *bank.domains.values()]:
        for question in group.questions:
            if question.id in seen:
                raise ContentError(f"question id '{question.id}' is used twice")
            seen.add(question.id)
            if question.topic != group.key:
                raise ContentError(f"question '{question.id}' sits under '{group.key}'")
            if question.type in ("choice", "multi_choice") and not (
                question.options or question.dynamic_options
            ):
                raise ContentError(f"question '{question.id}' is a choice without options")
            for option in question.labels:
                if option not in question.options:
                    raise ContentError(f"question '{question.id}' labels unknown option '{option}'")
    for question in bank.questions().values():
        for earlier in question.ask_when:
            if earlier not in seen:
                raise ContentError(f"question '{question.id}' depends on unknown '{earlier}'")


@functools.cache
def load_texts(
    language: str = SOURCE_LANGUAGE, content_dir: Path = CONTENT_DIR
) -> dict[str, Variants]:
    """Every resident-facing text by key: the text files plus the bank's questions."""
    texts: dict[str, Variants] = {}
    for path in sorted((content_dir / "texts" / language).glob("*.yml")):
        data, _ = _read(path)
        for key in data or {}:
            if key in texts:
                raise ContentError(f"{_shown(path)}: key '{key}' is defined twice")
        texts.update(_text_file(path, data))
    if language == SOURCE_LANGUAGE:
        bank = load_bank(content_dir)
        for domain in bank.domains.values():
            texts[f"domain.{domain.key}.label"] = Variants(text=domain.label)
        for question in bank.questions().values():
            texts[question.id] = question.text
            texts[f"{question.id}.why"] = question.why
            if question.label is not None:
                texts[f"{question.id}.label"] = question.label
            for option, label in question.labels.items():
                texts[f"{question.id}.option.{option}"] = label
    return texts


def _text_file(path: Path, data: Any) -> dict[str, Variants]:
    try:
        return _TextFile.model_validate({"texts": data or {}}).texts
    except ValidationError as error:
        first = error.errors()[0]
        _, node = _read(path)
        loc = first["loc"][1:]
        line = _line_of(node, loc) if node is not None else "?"
        raise ContentError(
            f"{_shown(path)}, line {line}: {'.'.join(map(str, loc))}: {first['msg']}"
        ) from error


class OfficeHours(BaseModel):
    start: str
    end: str


class Municipality(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    phone: str
    office_hours: OfficeHours
    timezone: str


@functools.cache
def load_municipality(content_dir: Path = CONTENT_DIR) -> Municipality:
    return _parse(Municipality, content_dir / "municipality.yml")


class Triage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    teams_by_domain: dict[str, list[str]]
    status_by_answer: dict[str, str]
    multiple_from_domains: int
    related: dict[str, list[str]]
    high_threats: list[str]
    acute_threats: list[str]
    ask_if_safe: list[str]
    quiet_threats: list[str]
    signal_domains: dict[str, str]


@functools.cache
def load_triage(content_dir: Path = CONTENT_DIR) -> Triage:
    return _parse(Triage, content_dir / "triage.yml")


@functools.cache
def load_staff_texts(content_dir: Path = CONTENT_DIR) -> dict[str, str]:
    """Plain Dutch for staff views and summaries (not resident-facing)."""
    data, _ = _read(content_dir / "staff" / "nl.yml")
    return {str(key): str(value) for key, value in (data or {}).items()}
