"""The frame of every Discogs-like web page: header navigation, footer, and where links point.

Links are written host-relative as on discogs.com (`/sell/item/123`), behind the prefix this
host is mounted under (`/discogs-web` when one sandbox serves every host), so that the same
page works in a browser whichever way the sandbox is served.
"""

from __future__ import annotations

from html import escape

from fastapi import Request
from fastapi.responses import HTMLResponse

from vinyldigger_sandbox.users import SandboxUser

_STYLE = """
body{font-family:Helvetica,Arial,sans-serif;margin:0;color:#222}
header,footer{background:#333;color:#eee;padding:.5rem 1rem}
header a,footer a{color:#eee;margin-right:1rem}
main{padding:1rem;max-width:70rem;margin:auto}
table.mpitems{width:100%;border-collapse:collapse}
table.mpitems td{border-top:1px solid #ddd;padding:.5rem;vertical-align:top}
.pagination a,.pagination strong{margin-right:.4rem}
"""


def web_root(request: Request) -> str:
    """The path prefix of this web host ('' when served at a host's root)."""
    root: str = request.scope.get("root_path", "")
    return root.rstrip("/")


def image_root(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}/img"


def web_page(
    request: Request,
    title: str,
    body: str,
    *,
    signed_in: SandboxUser | None,
    status: int = 200,
) -> HTMLResponse:
    root = web_root(request)
    account = (
        f'<a href="{root}/user/{escape(signed_in.username)}">{escape(signed_in.username)}</a>'
        f'<a href="{root}/logout">Log Out</a>'
        if signed_in is not None
        else f'<a href="{root}/login">Log In</a><a href="{root}/users/create">Register</a>'
    )
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Discogs</title>
<style>{_STYLE}</style></head>
<body>
<header id="site_header">
  <a href="{root}/" class="logo">Discogs</a>
  <form action="{root}/search/" method="get" style="display:inline">
    <input name="q" aria-label="Search"><input type="hidden" name="type" value="all">
  </form>
  <nav>
    <a href="{root}/search/?type=all">Explore</a>
    <a href="{root}/sell/list">Marketplace</a>
    <a href="{root}/sell/mywants">Shop my wants</a>
    <a href="{root}/sell/cart/">Cart</a>
    {account}
  </nav>
</header>
<main id="page_content"><h1>{escape(title)}</h1>
{body}
</main>
<footer id="site_footer">
  <a href="{root}/about">About</a><a href="{root}/help">Help</a>
  <a href="{root}/help/doc/terms-of-service">Terms</a>
  <a href="{root}/settings/developers">API</a>
</footer>
</body></html>"""
    return HTMLResponse(html, status_code=status)
