"""GET /api/posts/<id>/replies: a thread reads top to bottom, so oldest first."""

from flask import Blueprint

from ..models import Post
from ..pagination import paginate
from ..queries import post_or_404, posts_query
from ..serializers import post_json

bp = Blueprint("replies", __name__)


@bp.get("/api/posts/<id:post_id>/replies")
def replies(post_id: int):
    post_or_404(post_id)
    query = posts_query().where(Post.reply_to_id == post_id)
    rows, next_cursor = paginate(query, Post.created_at, Post.id, newest_first=False)
    return {"posts": [post_json(row) for row in rows], "next_cursor": next_cursor}
