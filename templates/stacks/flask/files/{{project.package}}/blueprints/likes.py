"""Liking a post: PUT and DELETE are idempotent, so a client can simply say what it wants."""

from flask import Blueprint, g
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from ..auth import login_required
from ..database import db
from ..models import Like
from ..queries import post_or_404

bp = Blueprint("likes", __name__)


@bp.put("/api/posts/<id:post_id>/like")
@login_required
def like(post_id: int):
    post_or_404(post_id)
    if db.session.get(Like, (g.user.id, post_id)) is None:
        db.session.add(Like(user_id=g.user.id, post_id=post_id))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # liked by a concurrent request: the like exists
    return "", 204


@bp.delete("/api/posts/<id:post_id>/like")
@login_required
def unlike(post_id: int):
    post_or_404(post_id)
    db.session.execute(delete(Like).where(Like.user_id == g.user.id, Like.post_id == post_id))
    db.session.commit()
    return "", 204
