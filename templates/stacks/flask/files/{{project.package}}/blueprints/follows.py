"""Following people, and the lists of who follows whom (newest follow first)."""

from flask import Blueprint, g
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..auth import login_required
from ..database import db
from ..errors import validation_failed
from ..models import Follow, User
from ..pagination import paginate
from ..queries import user_or_404, users_query
from ..serializers import user_json

bp = Blueprint("follows", __name__)


@bp.put("/api/users/<username>/follow")
@login_required
def follow(username: str):
    target = user_or_404(username)
    if target.id == g.user.id:
        raise validation_failed({"username": "you cannot follow yourself"})
    already = db.session.scalar(
        select(Follow.id).where(Follow.follower_id == g.user.id, Follow.followee_id == target.id)
    )
    # PUT is idempotent: following twice is the same as following once.
    if already is None:
        db.session.add(Follow(follower_id=g.user.id, followee_id=target.id))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # a double click got there first: the follow exists
    return "", 204


@bp.delete("/api/users/<username>/follow")
@login_required
def unfollow(username: str):
    target = user_or_404(username)
    db.session.execute(
        delete(Follow).where(Follow.follower_id == g.user.id, Follow.followee_id == target.id)
    )
    db.session.commit()
    return "", 204


@bp.get("/api/users/<username>/followers")
def followers(username: str):
    target = user_or_404(username)
    query = users_query().join(Follow, Follow.follower_id == User.id)
    rows, next_cursor = paginate(
        query.where(Follow.followee_id == target.id), Follow.created_at, Follow.id
    )
    return {"users": [user_json(row) for row in rows], "next_cursor": next_cursor}


@bp.get("/api/users/<username>/following")
def following(username: str):
    target = user_or_404(username)
    query = users_query().join(Follow, Follow.followee_id == User.id)
    rows, next_cursor = paginate(
        query.where(Follow.follower_id == target.id), Follow.created_at, Follow.id
    )
    return {"users": [user_json(row) for row in rows], "next_cursor": next_cursor}
