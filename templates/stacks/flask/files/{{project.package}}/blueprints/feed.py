"""GET /api/feed: the caller's posts and those of everyone they follow, newest first."""

from flask import Blueprint, g
from sqlalchemy import or_, select

from ..auth import login_required
from ..models import Follow, Post
from ..pagination import paginate
from ..queries import posts_query
from ..serializers import post_json

bp = Blueprint("feed", __name__)


@bp.get("/api/feed")
@login_required
def feed():
    # Built when read ("fan-out on read"): simple, and the (author_id, created_at, id)
    # index keeps it fast until the people followed number in the thousands.
    followed = select(Follow.followee_id).where(Follow.follower_id == g.user.id)
    query = posts_query().where(or_(Post.author_id == g.user.id, Post.author_id.in_(followed)))
    rows, next_cursor = paginate(query, Post.created_at, Post.id)
    return {"posts": [post_json(row) for row in rows], "next_cursor": next_cursor}
