"""The API documentation at /docs (Swagger UI) and /redoc, from vendored assets.

FastAPI's default pages load Swagger UI and ReDoc from a CDN and stay blank offline;
these load the same libraries from ``/static/vendor`` so nothing leaves the machine.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse

VENDOR = "/static/vendor"
OPENAPI = "/openapi.json"
FAVICON = f"{VENDOR}/swagger-ui/favicon-32x32.png"
TITLE = "plangraph API"
REDOC_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE} · ReDoc</title>
<link rel="icon" href="{FAVICON}">
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<noscript>ReDoc needs JavaScript; the same operations are listed at /docs and in /openapi.json.</noscript>
<redoc spec-url="{OPENAPI}"></redoc>
<script src="/static/redoc-offline.js"></script>
<script src="{VENDOR}/redoc/redoc.standalone.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    """Swagger UI over the OpenAPI schema: every operation, with a form to try it."""
    return get_swagger_ui_html(
        openapi_url=OPENAPI,
        title=f"{TITLE} · Swagger UI",
        swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
        swagger_favicon_url=FAVICON,
        oauth2_redirect_url="/docs/oauth2-redirect",
        swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from validator.swagger.io
    )


@router.get("/docs/oauth2-redirect")
def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc() -> HTMLResponse:
    """ReDoc over the OpenAPI schema: the same operations as one readable page. (Not
    FastAPI's ``get_redoc_html``: the page needs ``redoc-offline.js`` loaded first, which
    keeps ReDoc from fetching its logo from a CDN.)"""
    return HTMLResponse(REDOC_PAGE)
