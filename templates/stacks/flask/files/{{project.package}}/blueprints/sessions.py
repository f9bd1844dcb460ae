"""Logging in (a new token each time) and out (revoking the token used)."""

from flask import Blueprint, g

from ..auth import issue_token, login_required, revoke_token
from ..database import db
from ..errors import unauthorized
from ..passwords import check_password, hash_password, needs_rehash
from ..queries import find_user, user_row
from ..serializers import user_json
from ..validation import Checks, json_body

bp = Blueprint("sessions", __name__)


@bp.post("/api/sessions")
def log_in():
    data = json_body()
    checks = Checks()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str):
        checks.fail("username", "must be a string")
    if not isinstance(password, str):
        checks.fail("password", "must be a string")
    checks.done()

    user = find_user(username)
    # One answer for "no such user" and "wrong password": telling them apart would let
    # anyone find out who has an account.
    if not check_password(user.password_hash if user else None, password):
        raise unauthorized("wrong username or password")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token = issue_token(user.id)
    db.session.commit()
    return {"user": user_json(user_row(user.id)), "token": token}


@bp.delete("/api/sessions")
@login_required
def log_out():
    revoke_token(g.token)
    db.session.commit()
    return "", 204
