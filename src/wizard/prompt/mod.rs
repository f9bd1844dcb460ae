//! Questions, and the one thing the wizard needs to ask them: [`Ask`]. The
//! terminal answers them from the keyboard ([`terminal::Terminal`]); tests
//! answer them from a script (`scripted::Scripted`). Nothing here knows about stacks.

#[cfg(test)]
pub mod scripted;
pub mod terminal;

use crate::error::Error;

/// One entry of a list to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// Shown after the label on the same line, dimmed, cut to fit; may be empty.
    pub detail: String,
    /// Shown in full under the list while this entry is highlighted; may be empty.
    pub about: String,
}

impl Choice {
    pub fn new(label: impl Into<String>, detail: impl Into<String>) -> Self {
        Self { label: label.into(), detail: detail.into(), about: String::new() }
    }

    pub fn about(mut self, about: impl Into<String>) -> Self {
        self.about = about.into();
        self
    }
}

/// Checks a line of text as it is typed: `Ok` with a note to show (what the
/// answer will do), or `Err` with the reason it cannot be accepted.
pub type Check<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// Asks questions. Every method returns [`Error::Cancelled`] when the person
/// gives up (Ctrl-C, Esc), so the caller can stop before anything is written.
pub trait Ask {
    /// A line of text; an empty answer takes `default`. Only an answer that
    /// passes `check` is returned.
    fn text(&mut self, prompt: &str, default: &str, check: Check) -> Result<String, Error>;
    /// One entry of `choices`, by index, starting at `default`.
    fn select(&mut self, prompt: &str, choices: &[Choice], default: usize) -> Result<usize, Error>;
    /// Any number of `choices`, by index, none picked at first.
    fn multi_select(&mut self, prompt: &str, choices: &[Choice]) -> Result<Vec<usize>, Error>;
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Error>;
    /// Shows a line of information between questions.
    fn say(&mut self, line: &str) -> Result<(), Error>;
}
