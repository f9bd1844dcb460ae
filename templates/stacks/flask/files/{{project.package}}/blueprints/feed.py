"""GET /api/feed: the caller's posts and those of everyone they follow, newest first."""

import heapq

from flask import Blueprint, g
from sqlalchemy import Select, select, union_all

from ..auth import login_required
from ..database import db
from ..models import Follow, Post
from ..pagination import after, page_args, paginate
from ..queries import posts_query
from ..serializers import post_json

bp = Blueprint("feed", __name__)

# SQLite joins at most 500 SELECTs in one UNION: the authors go in batches well under it.
AUTHORS_PER_QUERY = 200


@bp.get("/api/feed")
@login_required
def feed():
    # Built when read ("fan-out on read"), one index range per author, merged. Asked as
    # `author_id = ? OR author_id IN (...)`, the database finds every post of everyone
    # followed and sorts them all to keep a page: the more posts, the slower. Asked author
    # by author, each one's newest posts come straight out of the index on (author_id,
    # created_at, id), in order, a page at most; a page of the feed is the newest of those.
    # It costs the same at 5,000 posts as at 500,000, and grows with the people followed.
    followed = select(Follow.followee_id).where(Follow.follower_id == g.user.id)
    authors = [g.user.id, *db.session.scalars(followed)]
    limit, position = page_args()
    newest = []
    for start in range(0, len(authors), AUTHORS_PER_QUERY):
        batch = authors[start : start + AUTHORS_PER_QUERY]
        ranges = [_newest_of(author, limit + 1, position) for author in batch]
        newest.extend(db.session.execute(union_all(*ranges)))
    page = heapq.nlargest(limit + 1, newest, key=lambda row: (row.created_at, row.id))
    # `paginate` reads those posts with their counts, in order, and makes the cursor.
    query = posts_query().where(Post.id.in_([row.id for row in page]))
    rows, next_cursor = paginate(query, Post.created_at, Post.id)
    return {"posts": [post_json(row) for row in rows], "next_cursor": next_cursor}


def _newest_of(author_id: int, count: int, position) -> Select:
    """`author_id`'s `count` newest posts after `position` (id, created_at): one index range."""
    query = select(Post.id, Post.created_at).where(Post.author_id == author_id)
    if position is not None:
        query = query.where(after(Post.created_at, Post.id, position))
    # A subquery: SQLite allows no ORDER BY or LIMIT on one SELECT of a UNION.
    ranked = query.order_by(Post.created_at.desc(), Post.id.desc()).limit(count).subquery()
    return select(ranked.c.id, ranked.c.created_at)
