//! `.backroad.toml`, the record every generated project keeps of the answers
//! it was made from and the backroad version that made it, for future
//! upgrades. The template `templates/common/project/.backroad.toml.hbs`
//! writes it; this reads it back.

use serde::Deserialize;

/// The file's name at the project's root.
pub const FILE: &str = ".backroad.toml";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Record {
    pub backroad_version: String,
    pub name: String,
    pub stack: String,
    pub idea: String,
}

impl Record {
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::generate;
    use crate::plan::{Choices, NewPlan};

    #[test]
    fn every_project_records_its_answers_and_the_version() {
        let catalog = Catalog::embedded().unwrap();
        for stack in &catalog.stacks {
            for idea in &catalog.ideas {
                let choices = Choices {
                    name: Some("my-pics".into()),
                    stack: Some(stack.name.clone()),
                    idea: Some(idea.name.clone()),
                    ..Choices::default()
                };
                let files = generate::render(&NewPlan::check(choices, &catalog).unwrap(), &catalog).unwrap();
                let file = files.iter().find(|f| f.path == FILE).expect(".backroad.toml is generated");
                let record = Record::parse(std::str::from_utf8(&file.contents).unwrap()).unwrap();
                let expected = Record {
                    backroad_version: env!("CARGO_PKG_VERSION").into(),
                    name: "my-pics".into(),
                    stack: stack.name.clone(),
                    idea: idea.name.clone(),
                };
                assert_eq!(record, expected);
            }
        }
    }
}
