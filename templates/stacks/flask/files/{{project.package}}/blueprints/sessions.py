"""Logging in (a new token each time) and out (revoking the token used, or every one)."""

from flask import Blueprint, g, request

from ..auth import issue_token, login_required, revoke_all_tokens, revoke_token
from ..database import db
from ..errors import unauthorized, validation_failed
from ..passwords import check_password, hash_password, needs_rehash
from ..queries import find_user, user_row
from ..rate_limits import log_in_limit
from ..serializers import user_json
from ..validation import Checks, json_body

bp = Blueprint("sessions", __name__)


@bp.post("/api/sessions")
@log_in_limit
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
    # ?all=true logs out everywhere: after a lost phone, or a password typed on a shared
    # computer. Anything but one `true` or `false` is a mistake worth telling apart.
    everywhere = request.args.getlist("all")
    if everywhere not in ([], ["true"], ["false"]):
        raise validation_failed({"all": "must be true or false"})
    if everywhere == ["true"]:
        revoke_all_tokens(g.user.id)
    else:
        revoke_token(g.token)
    db.session.commit()
    return "", 204
