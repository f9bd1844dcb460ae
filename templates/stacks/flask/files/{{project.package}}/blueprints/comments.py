"""Comments under a post: listed oldest first, like a conversation."""

from flask import Blueprint, g
from sqlalchemy import select

from ..auth import login_required
from ..database import db
from ..limits import COMMENT_MAX
from ..models import Comment, User
from ..pagination import paginate
from ..queries import post_or_404
from ..serializers import comment_json
from ..validation import Checks, json_body

bp = Blueprint("comments", __name__)


@bp.get("/api/posts/<id:post_id>/comments")
def list_comments(post_id: int):
    post_or_404(post_id)
    query = (
        select(Comment, User)
        .join(User, User.id == Comment.author_id)
        .where(Comment.post_id == post_id)
    )
    rows, next_cursor = paginate(query, Comment.created_at, Comment.id, newest_first=False)
    return {
        "comments": [comment_json(row.Comment, row.User) for row in rows],
        "next_cursor": next_cursor,
    }


@bp.post("/api/posts/<id:post_id>/comments")
@login_required
def add_comment(post_id: int):
    post_or_404(post_id)
    data = json_body()
    checks = Checks()
    body = checks.text(data.get("body"), "body", 1, COMMENT_MAX, blank_ok=False)
    checks.done()
    comment = Comment(post_id=post_id, author_id=g.user.id, body=body)
    db.session.add(comment)
    db.session.commit()
    return {"comment": comment_json(comment, g.user)}, 201
