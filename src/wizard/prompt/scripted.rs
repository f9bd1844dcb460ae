//! A scripted [`Ask`], for tests of the wizard's questions and logic.

use std::collections::VecDeque;

use super::{Ask, Check, Choice};
use crate::error::Error;

/// One answer of a [`Scripted`] run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    /// The first choice whose label starts with this.
    Pick(String),
    /// Every choice whose label starts with one of these.
    PickMany(Vec<String>),
    Yes,
    No,
    /// As if Ctrl-C were pressed at this question.
    Cancel,
}

/// Answers from a list, for tests of the questions' order and logic. Records
/// what was asked and said, and what `check` said of each text answer.
#[derive(Debug, Default)]
pub struct Scripted {
    pub answers: VecDeque<Answer>,
    /// Every prompt and every line said, in order.
    pub transcript: Vec<String>,
}

impl Scripted {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        Self { answers: answers.into_iter().collect(), transcript: Vec::new() }
    }

    fn next(&mut self, prompt: &str) -> Result<Answer, Error> {
        self.transcript.push(format!("? {prompt}"));
        match self.answers.pop_front() {
            Some(Answer::Cancel) => Err(Error::Cancelled),
            Some(answer) => Ok(answer),
            None => panic!("no scripted answer left for {prompt:?}; asked so far: {:#?}", self.transcript),
        }
    }
}

fn find(choices: &[Choice], prefix: &str) -> Option<usize> {
    choices.iter().position(|c| c.label.starts_with(prefix))
}

impl Ask for Scripted {
    fn text(&mut self, prompt: &str, default: &str, check: Check) -> Result<String, Error> {
        loop {
            let Answer::Text(text) = self.next(prompt)? else { panic!("{prompt:?} wants a text answer") };
            let value = if text.is_empty() { default.to_string() } else { text };
            match check(&value) {
                Ok(note) => {
                    self.transcript.push(format!("ok {value}: {note}"));
                    return Ok(value);
                }
                // A person would fix the answer; the script must give another one.
                Err(reason) => self.transcript.push(format!("rejected {value}: {reason}")),
            }
        }
    }

    fn select(&mut self, prompt: &str, choices: &[Choice], default: usize) -> Result<usize, Error> {
        let labels: Vec<_> = choices.iter().map(|c| c.label.as_str()).collect();
        self.transcript.push(format!("choices {} (default {})", labels.join(", "), labels[default]));
        match self.next(prompt)? {
            Answer::Pick(prefix) => {
                Ok(find(choices, &prefix).unwrap_or_else(|| panic!("no choice {prefix:?} in {labels:?}")))
            }
            Answer::Yes => Ok(default),
            other => panic!("{prompt:?} wants a pick, not {other:?}"),
        }
    }

    fn multi_select(&mut self, prompt: &str, choices: &[Choice]) -> Result<Vec<usize>, Error> {
        let Answer::PickMany(prefixes) = self.next(prompt)? else { panic!("{prompt:?} wants PickMany") };
        Ok(prefixes
            .iter()
            .map(|p| find(choices, p).unwrap_or_else(|| panic!("no choice {p:?} for {prompt:?}")))
            .collect())
    }

    fn confirm(&mut self, prompt: &str, _default: bool) -> Result<bool, Error> {
        match self.next(prompt)? {
            Answer::Yes => Ok(true),
            Answer::No => Ok(false),
            other => panic!("{prompt:?} wants yes or no, not {other:?}"),
        }
    }

    fn say(&mut self, line: &str) -> Result<(), Error> {
        self.transcript.push(line.to_string());
        Ok(())
    }
}
