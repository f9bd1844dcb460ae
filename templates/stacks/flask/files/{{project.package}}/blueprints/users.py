"""Accounts: sign up, profiles, and the caller's own profile (/api/me)."""

from flask import Blueprint, g
from sqlalchemy.exc import IntegrityError

from ..auth import issue_token, login_required
from ..database import db
from ..errors import ApiError
from ..limits import BIO_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN
from ..models import User
from ..passwords import hash_password
from ..queries import find_user, user_or_404, user_row
from ..serializers import user_json
from ..validation import USERNAME, Checks, json_body

bp = Blueprint("users", __name__)


def _taken() -> ApiError:
    return ApiError(409, "this username is already taken")


@bp.post("/api/users")
def sign_up():
    data = json_body()
    checks = Checks()
    username = data.get("username")
    if not isinstance(username, str) or not USERNAME.fullmatch(username):
        checks.fail(
            "username",
            f"must be {USERNAME_MIN}-{USERNAME_MAX} letters, digits or underscores",
        )
    password = checks.text(data.get("password"), "password", PASSWORD_MIN, PASSWORD_MAX)
    checks.done()

    if find_user(username) is not None:
        raise _taken()
    user = User(username=username, password_hash=hash_password(password))
    db.session.add(user)
    try:
        db.session.flush()  # assigns user.id, and hits the unique index now
    except IntegrityError:
        # Someone took the name between our check and our insert.
        db.session.rollback()
        raise _taken() from None
    token = issue_token(user.id)
    db.session.commit()
    return {"user": user_json(user_row(user.id)), "token": token}, 201


@bp.get("/api/users/<username>")
def profile(username: str):
    return {"user": user_json(user_row(user_or_404(username).id))}


@bp.get("/api/me")
@login_required
def me():
    return {"user": user_json(user_row(g.user.id))}


@bp.patch("/api/me")
@login_required
def update_me():
    data = json_body()
    checks = Checks()
    if "bio" in data:
        g.user.bio = checks.text(data["bio"], "bio", 0, BIO_MAX)
    checks.done()
    db.session.commit()
    return {"user": user_json(user_row(g.user.id))}
