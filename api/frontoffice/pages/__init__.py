"""The staff pages: server-rendered Dutch HTML (Jinja2), no front-end build, WCAG 2.1 AA."""

from fastapi import APIRouter

from api.frontoffice.pages import assisted, audit, exports, intake, queue, signin

router = APIRouter(prefix="/frontoffice", include_in_schema=False)
for module in (signin, queue, intake, exports, audit, assisted):
    router.include_router(module.router)
