//! The conditions manifests write (`only_if` in a stack.toml, `feature` on an
//! environment variable): terms joined by `&`, each the name of a feature of
//! the idea or a part of the tutorial, `!` in front for "off". `images`,
//! `!images`, `posts & images`, `likes & !web`. A part is on when the project's
//! step has reached it; a part named like a feature (`replies`) is on only
//! once its step is reached, so a file about replies waits for that step.

use std::collections::BTreeMap;

use super::manifest::Features;

/// Whether `condition` holds for these features and parts; `Err` names a term
/// that is neither.
pub fn holds(condition: &str, features: &Features, parts: &BTreeMap<String, bool>) -> Result<bool, String> {
    let mut all = true;
    for term in condition.split('&').map(str::trim) {
        let (negate, name) = match term.strip_prefix('!') {
            Some(name) => (true, name.trim()),
            None => (false, term),
        };
        // A part wins over the feature of the same name: it is on only when the
        // feature is (the idea has its step) and the step is reached.
        let on = parts.get(name).copied().or_else(|| features.get(name)).ok_or_else(|| {
            let known: Vec<&str> = parts.keys().map(String::as_str).collect();
            format!(
                "'{term}' in '{condition}' is neither a feature (replies, comments, images) nor a part ({})",
                known.join(", ")
            )
        })?;
        all &= on != negate;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instagram() -> Features {
        Features { replies: false, comments: true, images: true }
    }

    fn parts(on: &[&str]) -> BTreeMap<String, bool> {
        ["start", "posts", "likes", "comments"].iter().map(|p| (p.to_string(), on.contains(p))).collect()
    }

    #[test]
    fn terms_are_features_or_parts() {
        let at_posts = parts(&["start", "posts"]);
        assert_eq!(holds("images", &instagram(), &at_posts), Ok(true));
        assert_eq!(holds("!images", &instagram(), &at_posts), Ok(false));
        assert_eq!(holds("posts & images", &instagram(), &at_posts), Ok(true));
        assert_eq!(holds("likes", &instagram(), &at_posts), Ok(false));
        assert_eq!(holds("posts & !likes", &instagram(), &at_posts), Ok(true));
    }

    #[test]
    fn a_part_named_like_a_feature_waits_for_its_step() {
        assert_eq!(holds("comments", &instagram(), &parts(&["start"])), Ok(false));
        assert_eq!(holds("comments", &instagram(), &parts(&["start", "comments"])), Ok(true));
    }

    #[test]
    fn unknown_terms_are_named() {
        let err = holds("posts & videos", &instagram(), &parts(&[])).unwrap_err();
        assert!(err.contains("'videos'") && err.contains("comments, likes, posts, start"), "{err}");
    }
}
