//! "Help me choose": four answers (the languages you know, whether you want a
//! compiler checking your types, tables or documents, where you will deploy)
//! give a recommended stack and the reason, in one sentence.
//!
//! What each stack is like is data: the `[recommend]` profile of its
//! manifest, so a new stack is recommended without a Rust change. Only
//! stacks of the catalog can be recommended, gentlest (lowest `rank`) first on
//! equal scores; the sentence says what the winner lacks. A catalog where no
//! stack has a profile recommends its first stack, with its pitch as the reason.

use crate::catalog::{Catalog, Profile, Stack, Store};

/// Do you want a compiler checking your types?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Types {
    Checked,
    Unchecked,
    NoPreference,
}

impl Types {
    pub const ALL: [(Types, &'static str, &'static str); 3] = [
        (Types::Checked, "Yes", "mistakes caught before the code runs"),
        (Types::Unchecked, "No", "less to write, quicker to start"),
        (Types::NoPreference, "No preference", ""),
    ];
}

/// Tables or documents?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    Tables,
    Documents,
    NoPreference,
}

impl Data {
    pub const ALL: [(Data, &'static str, &'static str); 3] = [
        (Data::Tables, "Tables", "rows and columns, SQL, joins"),
        (Data::Documents, "Documents", "JSON-like records, MongoDB"),
        (Data::NoPreference, "No preference", ""),
    ];
}

/// Where will you deploy?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deploy {
    SharedHosting,
    Platform,
    Containers,
    NotSure,
}

impl Deploy {
    pub const ALL: [(Deploy, &'static str, &'static str); 4] = [
        (Deploy::SharedHosting, "Shared hosting", "a web host with cPanel, PHP and MySQL"),
        (Deploy::Platform, "A platform", "Heroku, DigitalOcean App Platform, Render"),
        (Deploy::Containers, "Containers", "Docker on a server, AWS, any VPS"),
        (Deploy::NotSure, "Not sure yet", ""),
    ];
}

impl Data {
    fn wanted(self) -> Option<Store> {
        match self {
            Data::Tables => Some(Store::Tables),
            Data::Documents => Some(Store::Documents),
            Data::NoPreference => None,
        }
    }
}

/// The answers to the four questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Languages as the stacks' profiles name them (see [`languages`]).
    pub languages: Vec<String>,
    pub types: Types,
    pub data: Data,
    pub deploy: Deploy,
}

/// A recommended stack and why, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub stack: String,
    pub reason: String,
}

// How much each answer weighs. Shared hosting runs PHP only, so any other
// stack is out; a wish about types outweighs a language you know and the
// data together, and a language you know outweighs how the data is stored.
const HOSTING: i32 = 20;
const TYPES: i32 = 6;
const KNOWN_LANGUAGE: i32 = 3;
const DATA: i32 = 2;

/// The score of `profile` for `answers`, what speaks for it (heaviest first)
/// and what it lacks (most important first).
fn judge(profile: &Profile, answers: &Answers) -> (i32, Vec<String>, Vec<String>) {
    let (mut score, mut pros, mut cons) = (0, Vec::new(), Vec::new());
    if answers.deploy == Deploy::SharedHosting {
        if profile.shared_hosting {
            score += HOSTING;
            pros.push("it runs on shared hosting, where PHP and MySQL are what you get".to_string());
        } else {
            score -= HOSTING;
            cons.push("it needs a platform or a container rather than shared hosting".to_string());
        }
    }
    let language = profile.language.as_str();
    match (answers.types, profile.checked_types) {
        (Types::Checked, true) => {
            score += TYPES;
            pros.push(format!("the {language} compiler checks your types before anything runs"));
        }
        (Types::Checked, false) => cons.push(format!("{language} checks types only as the code runs")),
        (Types::Unchecked, true) => {
            score -= TYPES;
            cons.push(format!("the {language} compiler is strict and asks for more code up front"));
        }
        _ => {}
    }
    if answers.languages.contains(&profile.language) {
        score += KNOWN_LANGUAGE;
        pros.push(format!("you already know {language}"));
    } else if !answers.languages.is_empty() {
        cons.push(format!("it means learning {language}"));
    }
    if let Some(wanted) = answers.data.wanted() {
        if wanted == profile.data {
            score += DATA;
            pros.push(format!("it keeps your data in {}", wanted.name()));
        } else {
            cons.push(format!("it keeps data in {}, not {}", profile.data.name(), wanted.name()));
        }
    }
    (score, pros, cons)
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The stacks that have a profile, gentlest first.
fn profiled(catalog: &Catalog) -> Vec<(&Stack, &Profile)> {
    let mut out: Vec<_> = catalog.stacks.iter().filter_map(|s| Some((s, s.recommend.as_ref()?))).collect();
    out.sort_by_key(|(s, p)| (p.rank, s.name.clone()));
    out
}

/// The best stack of `catalog` for `answers`.
pub fn recommend(answers: &Answers, catalog: &Catalog) -> Recommendation {
    // max_by_key keeps the last of equal scores; reversed, the gentlest wins ties.
    let best = profiled(catalog)
        .into_iter()
        .rev()
        .map(|(s, p)| (s, p, judge(p, answers)))
        .max_by_key(|(_, _, (score, _, _))| *score);
    let Some((stack, profile, (_, pros, cons))) = best else {
        return unprofiled(catalog);
    };
    let mut reason = if pros.is_empty() { profile.gentle.clone() } else { and_list(&pros) };
    if let Some(con) = cons.first() {
        reason.push_str(&format!(", though {con}"));
    }
    Recommendation { stack: stack.name.clone(), reason: format!("{reason}.") }
}

/// A catalog where no stack has a profile (a template author's own).
fn unprofiled(catalog: &Catalog) -> Recommendation {
    match catalog.stacks.first() {
        Some(stack) => Recommendation {
            stack: stack.name.clone(),
            reason: format!("it is {}: {}.", stack.title, stack.pitch),
        },
        None => Recommendation { stack: String::new(), reason: "there is no stack to choose from.".into() },
    }
}

/// The stack to take without asking: the one for someone with no preferences.
pub fn default_stack(catalog: &Catalog) -> Option<&Stack> {
    let none = Answers {
        languages: Vec::new(),
        types: Types::NoPreference,
        data: Data::NoPreference,
        deploy: Deploy::NotSure,
    };
    let name = recommend(&none, catalog).stack;
    catalog.stacks.iter().find(|s| s.name == name)
}

/// The languages worth asking about: those of the stacks in the catalog,
/// in the order of their stacks, gentlest first.
pub fn languages(catalog: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, profile) in profiled(catalog) {
        if !out.contains(&profile.language) {
            out.push(profile.language.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_catalog() -> Catalog {
        Catalog::embedded().unwrap()
    }

    fn only(catalog: &Catalog, names: &[&str]) -> Catalog {
        let mut catalog = catalog.clone();
        catalog.stacks.retain(|s| names.contains(&s.name.as_str()));
        catalog
    }

    /// Every combination of answers: 16 sets of languages x 3 x 3 x 4.
    fn every_answer() -> Vec<Answers> {
        let all = languages(&full_catalog());
        assert_eq!(all, ["Python", "JavaScript", "PHP", "Rust"]);
        let mut out = Vec::new();
        for mask in 0..(1 << all.len()) {
            let languages: Vec<_> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, l)| l.clone())
                .collect();
            for (types, ..) in Types::ALL {
                for (data, ..) in Data::ALL {
                    for (deploy, ..) in Deploy::ALL {
                        out.push(Answers { languages: languages.clone(), types, data, deploy });
                    }
                }
            }
        }
        out
    }

    fn profile(catalog: &Catalog, name: &str) -> Profile {
        catalog.stack(name).unwrap().recommend.clone().unwrap()
    }

    #[test]
    fn every_combination_gets_a_stack_and_one_sentence() {
        let catalog = full_catalog();
        let all = every_answer();
        assert_eq!(all.len(), 16 * 3 * 3 * 4);
        for answers in &all {
            let r = recommend(answers, &catalog);
            assert!(catalog.stack(&r.stack).is_ok(), "{answers:?}: {r:?}");
            assert!(r.reason.ends_with('.') && !r.reason.contains('\n'), "{answers:?}: {r:?}");
            assert_eq!(r.reason.matches(". ").count(), 0, "one sentence: {r:?}");
        }
    }

    #[test]
    fn every_combination_follows_the_rules() {
        let catalog = full_catalog();
        for answers in every_answer() {
            let r = recommend(&answers, &catalog);
            let chosen = profile(&catalog, &r.stack);
            let why = format!("{answers:?} -> {r:?}");
            if answers.deploy == Deploy::SharedHosting {
                // Only PHP runs there.
                assert_eq!(r.stack, "lamp", "{why}");
                assert!(r.reason.contains("shared hosting"), "{why}");
                continue;
            }
            match answers.types {
                Types::Checked => assert!(chosen.checked_types, "{why}"),
                Types::Unchecked => assert!(!chosen.checked_types, "{why}"),
                Types::NoPreference => {}
            }
            if answers.types == Types::NoPreference {
                // A language you know always wins over one you do not.
                if !answers.languages.is_empty() {
                    assert!(answers.languages.contains(&chosen.language), "{why}");
                    assert!(r.reason.contains("you already know"), "{why}");
                }
                // With one language and no other wish, its stack.
                if answers.languages.len() == 1 && answers.data == Data::NoPreference {
                    assert_eq!(chosen.language, answers.languages[0], "{why}");
                }
                if answers.languages.is_empty() && answers.data != Data::NoPreference {
                    assert_eq!(Some(chosen.data), answers.data.wanted(), "{why}");
                }
            }
            if answers.languages.is_empty()
                && answers.types == Types::NoPreference
                && answers.data == Data::NoPreference
            {
                // Nothing points anywhere: the gentlest start.
                assert_eq!(r.stack, "flask", "{why}");
                assert!(r.reason.starts_with(&profile(&catalog, "flask").gentle), "{why}");
            }
        }
    }

    #[test]
    fn the_sentence_names_what_matched_and_what_is_missing() {
        let catalog = full_catalog();
        let answers = Answers {
            languages: vec!["Python".into()],
            types: Types::NoPreference,
            data: Data::Tables,
            deploy: Deploy::Platform,
        };
        let r = recommend(&answers, &catalog);
        assert_eq!(r.stack, "flask");
        assert_eq!(r.reason, "you already know Python and it keeps your data in tables.");

        let answers = Answers {
            languages: vec!["PHP".into()],
            types: Types::Checked,
            data: Data::Documents,
            deploy: Deploy::Containers,
        };
        let r = recommend(&answers, &catalog);
        assert_eq!(r.stack, "axum");
        assert_eq!(
            r.reason,
            "the Rust compiler checks your types before anything runs, though it means learning Rust."
        );
    }

    #[test]
    fn a_recommended_stack_missing_from_the_catalog_gives_way_to_the_next_best() {
        let catalog = full_catalog();
        let hosting = Answers {
            languages: vec![],
            types: Types::NoPreference,
            data: Data::NoPreference,
            deploy: Deploy::SharedHosting,
        };
        let r = recommend(&hosting, &only(&catalog, &["flask", "node"]));
        assert_eq!(r.stack, "flask");
        assert!(r.reason.contains("though it needs a platform or a container"), "{r:?}");

        let typed = Answers { types: Types::Checked, deploy: Deploy::Platform, ..hosting.clone() };
        assert_eq!(recommend(&typed, &catalog).stack, "axum");
        let r = recommend(&typed, &only(&catalog, &["node", "lamp"]));
        assert_eq!(r.stack, "node", "the gentler of two equal matches");
        assert!(r.reason.contains("JavaScript checks types only as the code runs"), "{r:?}");
    }

    #[test]
    fn a_catalog_without_profiles_recommends_its_first_with_its_pitch() {
        let mut catalog = full_catalog();
        for stack in &mut catalog.stacks {
            stack.recommend = None;
        }
        let answers = every_answer().remove(0);
        let r = recommend(&answers, &catalog);
        assert_eq!(r.stack, catalog.stacks[0].name);
        assert!(r.reason.contains(&catalog.stacks[0].pitch), "{r:?}");
        assert!(languages(&catalog).is_empty());
    }

    #[test]
    fn a_new_stack_is_recommended_from_its_manifest_alone() {
        // The test-only stack `tiny` exists in no Rust code: its [recommend] says it all.
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extra-templates");
        let mut catalog = full_catalog();
        catalog.stacks.extend(Catalog::from_dir(fixture).unwrap().stacks);
        assert_eq!(languages(&catalog).last().map(String::as_str), Some("POSIX sh"), "asked about");
        let answers = Answers {
            languages: vec!["POSIX sh".into()],
            types: Types::Unchecked,
            data: Data::Documents,
            deploy: Deploy::Platform,
        };
        let r = recommend(&answers, &catalog);
        assert_eq!(r.stack, "tiny");
        assert_eq!(r.reason, "you already know POSIX sh and it keeps your data in documents.");
        // Without the language, a known stack with documents wins: node.
        let r = recommend(&Answers { languages: vec![], ..answers }, &catalog);
        assert_eq!(r.stack, "node", "equal scores go to the lower rank: {r:?}");
    }

    #[test]
    fn defaults_and_languages_follow_the_catalog() {
        let catalog = full_catalog();
        assert_eq!(default_stack(&catalog).unwrap().name, "flask");
        assert_eq!(default_stack(&only(&catalog, &["axum", "lamp"])).unwrap().name, "lamp");
        assert_eq!(languages(&only(&catalog, &["flask"])), ["Python"]);
        assert_eq!(languages(&only(&catalog, &["axum", "lamp"])), ["PHP", "Rust"]);
    }
}
