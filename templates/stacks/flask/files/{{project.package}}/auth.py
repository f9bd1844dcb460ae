"""Bearer tokens: issuing them at login, finding who is calling, and guarding views.

A token is 32 random bytes from the OS's CSPRNG, handed to the client once. The database
keeps only its SHA-256, and logging out deletes that row, which revokes the token.
"""

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from flask import g, request
from sqlalchemy import delete, select

from .database import db
from .errors import unauthorized
from .models import Token, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user_id: int) -> str:
    """Create a session for the user; the caller commits."""
    token = secrets.token_urlsafe(32)
    db.session.add(Token(user_id=user_id, token_hash=_digest(token)))
    return token


def revoke_token(token: str) -> None:
    db.session.execute(delete(Token).where(Token.token_hash == _digest(token)))


def load_current_user() -> None:
    """Runs before every request: sets g.user (None when no token is sent).

    A token that is sent but not valid is an error everywhere, even on public routes:
    silently treating the caller as a guest would hide a logged-out client's bug.
    """
    g.user = None
    g.token = None
    header = request.headers.get("Authorization")
    if header is None:
        return
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthorized("the Authorization header must be: Bearer <token>")
    user = db.session.scalar(
        select(User).join(Token, Token.user_id == User.id).where(Token.token_hash == _digest(token))
    )
    if user is None:
        raise unauthorized("this token is not valid (revoked by logging out, or mistyped)")
    g.user = user
    g.token = token


def login_required(view: Callable) -> Callable:
    @wraps(view)
    def guarded(*args, **kwargs):
        if g.user is None:
            raise unauthorized()
        return view(*args, **kwargs)

    return guarded
