//! The parts of the API a server serves at one step of the tutorial
//! (API.md, "The tutorial's steps"): which checks run, which fields an object
//! has, and which later parts must not answer yet. It sends nothing.

use std::collections::BTreeSet;

use crate::catalog::{Idea, Step};

/// Every part the checks know, in the tutorial's order. A part that adds
/// nothing on the wire (`ship`: Docker, CI, deploy notes) is not here.
pub(crate) const CHECKED: [&str; 10] =
    ["start", "users", "sessions", "posts", "follows", "feed", "likes", "replies", "comments", "web"];

/// Parts of the tutorial that put nothing on the wire, so verify has no checks for them.
#[cfg(test)]
pub(crate) const OFF_THE_WIRE: [&str; 1] = ["ship"];

/// The fields each part adds to a User object.
pub(crate) const USER_FIELDS: [(&str, &[&str]); 3] = [
    ("users", &["id", "username", "bio", "created_at"]),
    ("posts", &["posts_count"]),
    ("follows", &["followers_count", "following_count", "following"]),
];

/// The fields each part adds to a Post object, whichever the idea (`body`,
/// `caption` and `image_url` depend on it, and come with `posts`).
pub(crate) const POST_FIELDS: [(&str, &[&str]); 4] = [
    ("posts", &["id", "author", "created_at"]),
    ("likes", &["like_count", "liked"]),
    ("replies", &["reply_to", "reply_count"]),
    ("comments", &["comment_count"]),
];

/// The parts on at one step of one idea, and the idea's later parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    /// The step, as "4 (posts)".
    pub step: String,
    on: BTreeSet<String>,
    /// The idea's parts after the step that have checks, in order.
    later: Vec<String>,
}

impl Parts {
    pub fn at(idea: &Idea, step: &Step) -> Self {
        let on = idea.parts_at(step).into_iter().filter(|(_, on)| *on).map(|(p, _)| p).collect();
        let later = idea
            .steps
            .iter()
            .filter(|s| s.number > step.number)
            .flat_map(|s| &s.parts)
            .filter(|p| CHECKED.contains(&p.as_str()))
            .cloned()
            .collect();
        Self { step: format!("{} ({})", step.number, step.name), on, later }
    }

    /// Whether the server serves `part` at this step.
    pub fn has(&self, part: &str) -> bool {
        debug_assert!(CHECKED.contains(&part), "'{part}' is not a part the checks know");
        self.on.contains(part)
    }

    /// Whether `part` comes with a later step of this idea (not merely off:
    /// twitter never has `comments`).
    pub fn is_later(&self, part: &str) -> bool {
        self.later.iter().any(|p| p == part)
    }

    /// The idea's parts after this step that have checks, in the tutorial's order.
    pub fn later(&self) -> &[String] {
        &self.later
    }

    /// Why a setup helper cannot run at this step, if it cannot.
    pub fn need(&self, part: &str) -> Result<(), String> {
        if self.has(part) {
            Ok(())
        } else {
            Err(format!("setup needs {part}, which this server does not have at step {}", self.step))
        }
    }
}

/// The fields of `table` that belong to a later part: each as (field, part).
pub(crate) fn later_fields(
    table: &[(&'static str, &'static [&'static str])],
    parts: &Parts,
) -> Vec<(&'static str, &'static str)> {
    table
        .iter()
        .filter(|(part, _)| parts.is_later(part))
        .flat_map(|(part, fields)| fields.iter().map(move |f| (*f, *part)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn parts(idea: &str, step: &str) -> Parts {
        let catalog = Catalog::embedded().unwrap();
        let idea = catalog.idea(idea).unwrap();
        Parts::at(idea, idea.step(step).unwrap())
    }

    #[test]
    fn parts_grow_with_the_steps_and_later_ones_are_named() {
        let posts = parts("twitter", "posts");
        assert!(posts.has("start") && posts.has("sessions") && posts.has("posts"));
        assert!(!posts.has("follows") && !posts.has("web"));
        assert_eq!(posts.later(), ["follows", "feed", "likes", "replies", "web"]);
        assert!(!posts.is_later("comments"), "twitter never has comments");
        assert!(posts.need("follows").unwrap_err().contains("step 4 (posts)"));

        let instagram = parts("instagram", "likes");
        assert_eq!(instagram.later(), ["comments", "web"]);

        for idea in ["twitter", "instagram"] {
            let last = parts(idea, "ship");
            assert!(last.later().is_empty(), "{idea}: nothing is later than the last step");
            assert!(last.has("web") && last.has("likes"));
            assert!(parts(idea, "web").later().is_empty(), "ship adds nothing verify checks");
        }
        assert_eq!(parts("twitter", "start").later().len(), 8);
    }

    #[test]
    fn every_part_of_the_tutorial_is_known_to_the_checks() {
        let catalog = Catalog::embedded().unwrap();
        for idea in &catalog.ideas {
            for part in &idea.all_parts {
                assert!(
                    CHECKED.contains(&part.as_str()) || OFF_THE_WIRE.contains(&part.as_str()),
                    "part '{part}' of tutorial/steps.toml: give it checks in verify, or list it in OFF_THE_WIRE"
                );
            }
        }
        for (part, _) in USER_FIELDS.iter().chain(&POST_FIELDS) {
            assert!(CHECKED.contains(part), "{part}");
        }
    }

    #[test]
    fn later_fields_are_those_of_later_parts_only() {
        let at_posts = later_fields(&POST_FIELDS, &parts("twitter", "posts"));
        let names: Vec<&str> = at_posts.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            names,
            ["like_count", "liked", "reply_to", "reply_count"],
            "not comment_count: not twitter's"
        );
        assert_eq!(later_fields(&USER_FIELDS, &parts("twitter", "users")).len(), 4);
        assert!(later_fields(&USER_FIELDS, &parts("instagram", "ship")).is_empty());
    }
}
