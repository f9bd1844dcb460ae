//! The checks, one file per area of shared/API.md. Each area's `run` adds its
//! checks to the context in a fixed order, each check only when the parts it
//! needs are on at the step (`c.has("follows")`); `later` checks that the
//! parts of later steps are not there yet. The whole-run passes at the end
//! (nosniff, error shape, ids, secrets) look back over every response.

mod comments_uploads;
mod conventions;
mod edges;
mod edges_uploads;
mod errors;
mod health_headers;
mod images_decoded;
mod later;
mod likes_feed;
mod logout_all;
mod pagination;
mod posts;
mod profiles_follows;
mod races;
mod rate_limits;
mod replies;
mod users_sessions;

use super::context::Ctx;

pub(crate) fn run_all(c: &mut Ctx<'_>) {
    let images = c.idea.features.images;
    health_headers::run(c);
    users_sessions::run(c);
    logout_all::run(c);
    rate_limits::run(c);
    errors::run(c);
    profiles_follows::run(c);
    if c.has("posts") {
        posts::run(c);
        if images {
            comments_uploads::run_uploads(c);
            images_decoded::run(c);
        }
    }
    likes_feed::run(c);
    if c.has("replies") {
        replies::run(c);
    }
    if c.has("comments") {
        comments_uploads::run_comments(c);
    }
    if c.has("posts") {
        pagination::run(c);
    }
    edges::run(c);
    if images && c.has("posts") {
        edges_uploads::run(c);
    }
    races::run(c);
    later::run(c);

    // Whole-run passes come last, so that they see every response.
    health_headers::header_passes(c);
    errors::error_passes(c);
    conventions::run(c);
}
