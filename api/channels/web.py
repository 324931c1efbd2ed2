"""The public chat API (../shared/contracts/chat-api.md): the web widget and any client."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.auth.tokens import Principal, bearer_principal
from api.conversations.service import ConversationNotFound, ConversationService, TurnResult
from api.errors import ApiError
from content.loader import LANGUAGES

router = APIRouter(prefix="/api/conversations", tags=["chat"])

MAX_TEXT = 2000

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]


class StartRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    language: str = "nl"
    channel: Literal["web", "assisted"] = "web"


class MessageRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: Text | None = None
    payload: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> MessageRequest:
        if (self.text is None) == (self.payload is None):
            raise ValueError("give text or payload")
        return self


class ResumeRequest(BaseModel):
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=32)]


def service(request: Request) -> ConversationService:
    return request.app.state.conversations


Conversations = Annotated[ConversationService, Depends(service)]


def _answer(result: TurnResult) -> dict[str, Any]:
    return {
        "conversation_id": result.conversation.id,
        "messages": result.messages,
        "state": result.state,
    }


@router.post("", status_code=201)
async def start_conversation(
    request: Request,
    conversations: Conversations,
    body: StartRequest | None = None,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    body = body or StartRequest()
    if body.language not in LANGUAGES:
        raise ApiError(422, "errors.language_unknown", "language_unknown")
    assisted_by = None
    if body.channel == "assisted":
        principal: Principal = await bearer_principal(request, authorization, roles=("worker",))
        assisted_by = {"name": principal.name}
    result = await conversations.start(body.language, body.channel, assisted_by)
    return _answer(result)


@router.post("/resume")
async def resume(body: ResumeRequest, conversations: Conversations) -> dict[str, Any]:
    try:
        conversation_id, last_question = await conversations.resume(body.code)
    except ConversationNotFound as error:
        raise ApiError(404, "errors.code_unknown", "code_unknown") from error
    return {"conversation_id": conversation_id, "last_question": last_question}


@router.post("/{conversation_id}/messages")
async def send_message(
    conversation_id: Annotated[str, Field(max_length=64)],
    body: MessageRequest,
    conversations: Conversations,
) -> dict[str, Any]:
    result = await conversations.send(conversation_id, text=body.text, payload=body.payload)
    return _answer(result)


@router.get("/{conversation_id}")
async def get_conversation(conversation_id: str, conversations: Conversations) -> dict[str, Any]:
    result = await conversations.history(conversation_id)
    return _answer(result)


@router.post("/{conversation_id}/resume-code")
async def make_resume_code(conversation_id: str, conversations: Conversations) -> dict[str, str]:
    return {"code": await conversations.resume_code(conversation_id)}
