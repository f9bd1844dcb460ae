//! The checks, one file per area of shared/API.md. Each area's `run` adds its
//! checks to the context in a fixed order; the whole-run passes at the end
//! (nosniff, error shape, ids, secrets) look back over every response.

mod comments_uploads;
mod conventions;
mod edges;
mod edges_uploads;
mod errors;
mod health_headers;
mod likes_feed;
mod pagination;
mod posts;
mod profiles_follows;
mod races;
mod replies;
mod users_sessions;

use super::context::Ctx;

pub(crate) fn run_all(c: &mut Ctx<'_>) {
    health_headers::run(c);
    users_sessions::run(c);
    errors::run(c);
    profiles_follows::run(c);
    posts::run(c);
    if c.idea.features.images {
        comments_uploads::run_uploads(c);
    }
    likes_feed::run(c);
    if c.idea.features.replies {
        replies::run(c);
    }
    if c.idea.features.comments {
        comments_uploads::run_comments(c);
    }
    pagination::run(c);
    edges::run(c);
    if c.idea.features.images {
        edges_uploads::run(c);
    }
    races::run(c);

    // Whole-run passes come last, so that they see every response.
    health_headers::nosniff_pass(c);
    errors::error_passes(c);
    conventions::run(c);
}
