//! "Help me choose": four answers (the languages you know, whether you want a
//! compiler checking your types, tables or documents, where you will deploy)
//! give a recommended stack and the reason, in one sentence.
//!
//! What each stack is like lives in [`PROFILES`], one row per stack name, in
//! the order a beginner should meet them (ties go to the earlier row). Only
//! stacks that are in the catalog can be recommended: when the best match is
//! missing, the next best that is there wins, and its sentence says what it
//! lacks. A catalog stack without a profile is recommended only when no
//! profiled stack is there, with its own pitch as the reason.

use crate::catalog::{Catalog, Stack};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Language {
    Python,
    JavaScript,
    Php,
    Rust,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::Python, Language::JavaScript, Language::Php, Language::Rust];

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "Python",
            Language::JavaScript => "JavaScript",
            Language::Php => "PHP",
            Language::Rust => "Rust",
        }
    }
}

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

/// The answers to the four questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub languages: Vec<Language>,
    pub types: Types,
    pub data: Data,
    pub deploy: Deploy,
}

/// What a stack is like, as far as the questions go.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub stack: &'static str,
    pub language: Language,
    pub checked_types: bool,
    pub data: Data,
    pub shared_hosting: bool,
    /// Why it suits someone whose answers point nowhere in particular.
    pub gentle: &'static str,
}

/// The stacks backroad ships, gentlest first.
pub const PROFILES: [Profile; 4] = [
    Profile {
        stack: "flask",
        language: Language::Python,
        checked_types: false,
        data: Data::Tables,
        shared_hosting: false,
        gentle: "it is the gentlest start: readable Python, and SQLite needs no set-up",
    },
    Profile {
        stack: "node",
        language: Language::JavaScript,
        checked_types: false,
        data: Data::Documents,
        shared_hosting: false,
        gentle: "the language of the browser runs the server too",
    },
    Profile {
        stack: "lamp",
        language: Language::Php,
        checked_types: false,
        data: Data::Tables,
        shared_hosting: true,
        gentle: "PHP and MySQL run on almost any web host",
    },
    Profile {
        stack: "axum",
        language: Language::Rust,
        checked_types: true,
        data: Data::Tables,
        shared_hosting: false,
        gentle: "the compiler catches mistakes before anything runs",
    },
];

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

fn data_name(data: Data) -> &'static str {
    match data {
        Data::Documents => "documents",
        _ => "tables",
    }
}

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
    let language = profile.language.name();
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
    if answers.data != Data::NoPreference {
        if answers.data == profile.data {
            score += DATA;
            pros.push(format!("it keeps your data in {}", data_name(profile.data)));
        } else {
            let (wanted, got) = (data_name(answers.data), data_name(profile.data));
            cons.push(format!("it keeps data in {got}, not {wanted}"));
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

/// The best stack of `catalog` for `answers`.
pub fn recommend(answers: &Answers, catalog: &Catalog) -> Recommendation {
    let available = PROFILES.iter().filter(|p| catalog.stacks.iter().any(|s| s.name == p.stack));
    // max_by_key keeps the last of equal scores; reversed, the gentlest wins ties.
    let best = available.rev().map(|p| (p, judge(p, answers))).max_by_key(|(_, (score, _, _))| *score);
    let Some((profile, (_, pros, cons))) = best else {
        return unprofiled(catalog);
    };
    let mut reason = if pros.is_empty() { profile.gentle.to_string() } else { and_list(&pros) };
    if let Some(con) = cons.first() {
        reason.push_str(&format!(", though {con}"));
    }
    Recommendation { stack: profile.stack.to_string(), reason: format!("{reason}.") }
}

/// A catalog without any stack of [`PROFILES`] (a template author's own).
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

/// The languages worth asking about: those of the stacks in the catalog.
pub fn languages(catalog: &Catalog) -> Vec<Language> {
    let mut out: Vec<Language> = PROFILES
        .iter()
        .filter(|p| catalog.stacks.iter().any(|s| s.name == p.stack))
        .map(|p| p.language)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded catalog, with a stack of every profile that is not built in
    /// yet (a copy of the first stack under the profile's name).
    fn full_catalog() -> Catalog {
        let mut catalog = Catalog::embedded().unwrap();
        for profile in PROFILES {
            if catalog.stack(profile.stack).is_err() {
                let mut stack = catalog.stacks[0].clone();
                stack.name = profile.stack.to_string();
                catalog.stacks.push(stack);
            }
        }
        catalog
    }

    fn only(catalog: &Catalog, names: &[&str]) -> Catalog {
        let mut catalog = catalog.clone();
        catalog.stacks.retain(|s| names.contains(&s.name.as_str()));
        catalog
    }

    /// Every combination of answers: 16 sets of languages x 3 x 3 x 4.
    fn every_answer() -> Vec<Answers> {
        let mut out = Vec::new();
        for mask in 0..(1 << Language::ALL.len()) {
            let languages: Vec<_> = Language::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, l)| *l)
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

    fn profile(name: &str) -> &'static Profile {
        PROFILES.iter().find(|p| p.stack == name).unwrap()
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
            let chosen = profile(&r.stack);
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
                    assert_eq!(chosen.data, answers.data, "{why}");
                }
            }
            if answers.languages.is_empty()
                && answers.types == Types::NoPreference
                && answers.data == Data::NoPreference
            {
                // Nothing points anywhere: the gentlest start.
                assert_eq!(r.stack, PROFILES[0].stack, "{why}");
                assert!(r.reason.starts_with(PROFILES[0].gentle), "{why}");
            }
        }
    }

    #[test]
    fn the_sentence_names_what_matched_and_what_is_missing() {
        let catalog = full_catalog();
        let answers = Answers {
            languages: vec![Language::Python],
            types: Types::NoPreference,
            data: Data::Tables,
            deploy: Deploy::Platform,
        };
        let r = recommend(&answers, &catalog);
        assert_eq!(r.stack, "flask");
        assert_eq!(r.reason, "you already know Python and it keeps your data in tables.");

        let answers = Answers {
            languages: vec![Language::Php],
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
    fn a_catalog_of_unknown_stacks_recommends_its_first_with_its_pitch() {
        let mut catalog = full_catalog();
        for stack in &mut catalog.stacks {
            stack.name = format!("my-{}", stack.name);
        }
        let answers = every_answer().remove(0);
        let r = recommend(&answers, &catalog);
        assert_eq!(r.stack, catalog.stacks[0].name);
        assert!(r.reason.contains(&catalog.stacks[0].pitch), "{r:?}");
        assert!(languages(&catalog).is_empty());
    }

    #[test]
    fn defaults_and_languages_follow_the_catalog() {
        let catalog = full_catalog();
        assert_eq!(default_stack(&catalog).unwrap().name, "flask");
        assert_eq!(default_stack(&only(&catalog, &["axum", "lamp"])).unwrap().name, "lamp");
        assert_eq!(languages(&catalog), Language::ALL);
        assert_eq!(languages(&only(&catalog, &["flask"])), [Language::Python]);
    }
}
