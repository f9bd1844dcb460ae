//! How backroad talks to a person: colours (on a terminal unless `NO_COLOR`
//! is set, or as `--color` says), `--quiet`, and whether it may ask questions.
//! It decides; it does not print (the commands do).

use std::io::IsTerminal;

use anstream::ColorChoice;
use anstyle::{AnsiColor, Style};

use crate::cli::{ColorWhen, GlobalArgs};

/// Styles text for one output stream, or leaves it plain when that stream
/// gets no colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    pub const PLAIN: Palette = Palette { enabled: false };
    pub const COLORED: Palette = Palette { enabled: true };

    pub fn paint(&self, style: Style, text: &str) -> String {
        if self.enabled { format!("{style}{text}{style:#}") } else { text.to_string() }
    }

    /// Something that worked: a found tool, an accepted answer.
    pub fn good(&self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    /// Something that failed.
    pub fn bad(&self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default().bold(), text)
    }

    /// Something to look at, that is not a failure.
    pub fn warn(&self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), text)
    }

    /// A value: a name, a command to type.
    pub fn accent(&self, text: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default(), text)
    }

    /// Help the eye can skip.
    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }

    pub fn strong(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }
}

/// What the commands need to know about the person at the other end.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// `--quiet`: only errors and what the command was asked for.
    pub quiet: bool,
    /// For standard output.
    pub out: Palette,
    /// For standard error, where questions and errors go.
    pub err: Palette,
    /// Standard input and standard error are a terminal, so questions can be
    /// asked and answered. Never true in a pipe, a script or CI.
    pub interactive: bool,
}

impl Ui {
    /// From the global flags and the environment. Sets the colour choice that
    /// `anstream` applies to standard output and standard error.
    pub fn new(flags: &GlobalArgs) -> Self {
        let choice = match flags.color {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
        };
        choice.write_global();
        // anstream's rules: NO_COLOR, CLICOLOR(_FORCE), TERM=dumb, a terminal or not.
        let palette = |choice| Palette { enabled: choice != ColorChoice::Never };
        Self {
            quiet: flags.quiet,
            out: palette(anstream::AutoStream::choice(&std::io::stdout())),
            err: palette(anstream::AutoStream::choice(&std::io::stderr())),
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        }
    }

    /// No colours, no questions: for tests and scripts that run commands in-process.
    pub fn plain() -> Self {
        Self { quiet: false, out: Palette::PLAIN, err: Palette::PLAIN, interactive: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_palette_leaves_text_alone() {
        assert_eq!(Palette::PLAIN.bad("error:"), "error:");
        assert_eq!(Palette::PLAIN.dim("x"), "x");
    }

    #[test]
    fn colored_palette_wraps_text_in_sgr_codes() {
        assert_eq!(Palette::COLORED.good("ok"), "\u{1b}[32mok\u{1b}[0m");
        assert!(Palette::COLORED.bad("error:").starts_with("\u{1b}["));
    }
}
