//! [`Ask`] in a terminal, drawn on standard error with crossterm: arrow keys
//! move, Enter answers, Ctrl-C or Esc cancels. Each question puts the terminal
//! in raw mode only while it is asked, and a guard restores it (and the
//! cursor) however the question ends, so a cancelled wizard leaves a sane
//! terminal behind. An answered question shrinks to one line: `✔ Name · chirp`.

use std::io::{self, Stderr, Write};

use crossterm::cursor::{Hide, MoveToColumn, MoveUp, Show};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal::{self, Clear, ClearType};
use crossterm::{execute, queue};

use super::{Ask, Check, Choice};
use crate::error::Error;
use crate::ui::Palette;

/// Asks on the terminal behind standard input and standard error.
pub struct Terminal {
    palette: Palette,
}

impl Terminal {
    pub fn new(palette: Palette) -> Self {
        Self { palette }
    }
}

/// The keys the questions understand.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    Char(char),
    Enter,
    Backspace,
    ClearLine,
    Up,
    Down,
    Home,
    End,
    Cancel,
    /// Anything else, and a resized window: draw again, change nothing.
    Other,
}

fn key_of(event: KeyEvent) -> Key {
    // Windows reports releases too; a key counts once.
    if event.kind == KeyEventKind::Release {
        return Key::Other;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Char('c' | 'd') if ctrl => Key::Cancel,
        KeyCode::Char('u') if ctrl => Key::ClearLine,
        KeyCode::Char('j' | 'm') if ctrl => Key::Enter,
        KeyCode::Char(c) if !ctrl && !event.modifiers.contains(KeyModifiers::ALT) => Key::Char(c),
        KeyCode::Esc => Key::Cancel,
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down | KeyCode::Tab => Key::Down,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        _ => Key::Other,
    }
}

/// One question on screen: raw mode while it lasts, and where the cursor is
/// within what was drawn, so the next drawing can replace it.
struct Session {
    out: Stderr,
    /// Rows between the first line drawn and the cursor.
    cursor_row: u16,
    width: usize,
}

impl Session {
    fn start(hide_cursor: bool) -> io::Result<Self> {
        terminal::enable_raw_mode()?;
        let mut session = Session { out: io::stderr(), cursor_row: 0, width: width() };
        if hide_cursor {
            execute!(session.out, Hide)?;
        }
        Ok(session)
    }

    fn key(&mut self) -> io::Result<Key> {
        loop {
            match event::read()? {
                Event::Key(key) => return Ok(key_of(key)),
                Event::Resize(columns, _) => {
                    self.width = usize::from(columns).max(20);
                    return Ok(Key::Other);
                }
                _ => {}
            }
        }
    }

    /// Replaces what was drawn with `lines` (each narrower than the window, so
    /// none wraps and the rows can be counted) and puts the cursor at
    /// (row, column) of them, or after the last.
    fn draw(&mut self, lines: &[String], cursor: Option<(u16, u16)>) -> io::Result<()> {
        queue!(self.out, MoveToColumn(0))?;
        // MoveUp(0) would move one row: terminals read 0 as 1.
        if self.cursor_row > 0 {
            queue!(self.out, MoveUp(self.cursor_row))?;
        }
        queue!(self.out, Clear(ClearType::FromCursorDown))?;
        write!(self.out, "{}", lines.join("\r\n"))?;
        let last = u16::try_from(lines.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.cursor_row = last;
        if let Some((row, column)) = cursor {
            if last > row {
                queue!(self.out, MoveUp(last - row))?;
            }
            queue!(self.out, MoveToColumn(column))?;
            self.cursor_row = row;
        }
        self.out.flush()
    }

    /// Leaves `line` in place of the question and moves below it.
    fn finish(mut self, line: &str) -> io::Result<()> {
        self.draw(&[line.to_string()], None)?;
        write!(self.out, "\r\n")?;
        self.out.flush()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Also on an error or a panic: never leave the terminal raw or the cursor hidden.
        let _ = execute!(self.out, Show);
        let _ = terminal::disable_raw_mode();
    }
}

fn width() -> usize {
    // A pseudo-terminal may report 0 columns: assume the classic 80.
    terminal::size().ok().map(|(w, _)| usize::from(w)).filter(|w| *w >= 20).unwrap_or(80)
}

fn term_error(source: io::Error) -> Error {
    Error::Terminal { source }
}

/// `text` cut to `max` characters, ending in `…` when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// The end of `text` that fits in `max` characters (what is being typed).
fn tail(text: &str, max: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(max)).collect()
}

/// `text` in lines of at most `max` characters, broken between words.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(fit(word, max)),
        }
    }
    lines
}

fn column(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl Terminal {
    fn header(&self, prompt: &str, hint: &str) -> String {
        let p = self.palette;
        format!("{} {} {}", p.accent("?"), p.strong(prompt), p.dim(hint))
    }

    fn answered(&self, prompt: &str, answer: &str) -> String {
        let p = self.palette;
        format!("{} {prompt} {} {}", p.good("✔"), p.dim("·"), p.accent(answer))
    }

    fn cancelled(&self, prompt: &str) -> String {
        let p = self.palette;
        format!("{} {prompt} {} {}", p.bad("✘"), p.dim("·"), p.dim("cancelled"))
    }

    /// Draws a list question (one or several answers) until Enter or Ctrl-C.
    /// `picked` is `Some` for several answers: Space toggles the entry.
    fn list(
        &self,
        prompt: &str,
        hint: &str,
        choices: &[Choice],
        default: usize,
        mut picked: Option<&mut Vec<bool>>,
    ) -> Result<Option<usize>, Error> {
        let p = self.palette;
        let mut session = Session::start(true).map_err(term_error)?;
        let mut at = default.min(choices.len().saturating_sub(1));
        let label_width = choices.iter().map(|c| c.label.chars().count()).max().unwrap_or(0);
        loop {
            let mut lines = vec![self.header(prompt, hint)];
            for (i, choice) in choices.iter().enumerate() {
                let pointer = if i == at { p.accent("❯") } else { " ".into() };
                let (mark, mark_width) = match &picked {
                    Some(picked) if picked[i] => (format!("{} ", p.good("[x]")), 4),
                    Some(_) => ("[ ] ".to_string(), 4),
                    None => (String::new(), 0),
                };
                let label = format!("{:label_width$}", choice.label);
                let label = if i == at { p.accent(&label) } else { label };
                let room = session.width.saturating_sub(5 + mark_width + label_width);
                lines.push(format!("{pointer} {mark}{label}  {}", p.dim(&fit(&choice.detail, room))));
            }
            for line in wrap(&choices[at].about, session.width.saturating_sub(3)) {
                lines.push(format!("  {}", p.dim(&line)));
            }
            session.draw(&lines, None).map_err(term_error)?;
            match session.key().map_err(term_error)? {
                Key::Up | Key::Char('k') => at = at.checked_sub(1).unwrap_or(choices.len() - 1),
                Key::Down | Key::Char('j') => at = (at + 1) % choices.len(),
                Key::Home => at = 0,
                Key::End => at = choices.len() - 1,
                Key::Char(' ') => {
                    if let Some(picked) = picked.as_deref_mut() {
                        picked[at] = !picked[at];
                    }
                }
                Key::Enter => {
                    let answer = match &picked {
                        Some(picked) => {
                            let names: Vec<_> = choices
                                .iter()
                                .zip(picked.iter())
                                .filter(|(_, on)| **on)
                                .map(|(c, _)| c.label.as_str())
                                .collect();
                            if names.is_empty() { "none".to_string() } else { names.join(", ") }
                        }
                        None => choices[at].label.clone(),
                    };
                    session.finish(&self.answered(prompt, &answer)).map_err(term_error)?;
                    return Ok(Some(at));
                }
                Key::Cancel => {
                    session.finish(&self.cancelled(prompt)).map_err(term_error)?;
                    return Ok(None);
                }
                _ => {}
            }
        }
    }
}

impl Ask for Terminal {
    fn text(&mut self, prompt: &str, default: &str, check: Check) -> Result<String, Error> {
        let p = self.palette;
        let mut session = Session::start(false).map_err(term_error)?;
        let mut input = String::new();
        loop {
            let value = if input.is_empty() { default } else { input.as_str() };
            let verdict = check(value);
            // "? " + prompt + " › "
            let before = prompt.chars().count() + 5;
            let room = session.width.saturating_sub(before + 1);
            let (shown, typed) = if input.is_empty() {
                (p.dim(&fit(default, room)), 0)
            } else {
                let shown = tail(&input, room);
                let typed = shown.chars().count();
                (shown, typed)
            };
            let line = format!("{} {} {} {shown}", p.accent("?"), p.strong(prompt), p.dim("›"));
            let room = session.width.saturating_sub(5);
            let status = match &verdict {
                Ok(note) => format!("  {} {}", p.good("✔"), p.dim(&fit(note, room))),
                Err(reason) => format!("  {} {}", p.bad("✘"), fit(reason, room)),
            };
            session.draw(&[line, status], Some((0, column(before + typed)))).map_err(term_error)?;
            match session.key().map_err(term_error)? {
                Key::Char(c) => input.push(c),
                Key::Backspace => {
                    input.pop();
                }
                Key::ClearLine => input.clear(),
                // An answer with a reason against it stays on screen to be fixed.
                Key::Enter if verdict.is_ok() => {
                    let value = value.to_string();
                    session.finish(&self.answered(prompt, &value)).map_err(term_error)?;
                    return Ok(value);
                }
                Key::Cancel => {
                    session.finish(&self.cancelled(prompt)).map_err(term_error)?;
                    return Err(Error::Cancelled);
                }
                _ => {}
            }
        }
    }

    fn select(&mut self, prompt: &str, choices: &[Choice], default: usize) -> Result<usize, Error> {
        self.list(prompt, "(↑/↓ to move, Enter to choose)", choices, default, None)?.ok_or(Error::Cancelled)
    }

    fn multi_select(&mut self, prompt: &str, choices: &[Choice]) -> Result<Vec<usize>, Error> {
        let mut picked = vec![false; choices.len()];
        let hint = "(↑/↓ to move, Space to pick, Enter when done)";
        self.list(prompt, hint, choices, 0, Some(&mut picked))?.ok_or(Error::Cancelled)?;
        Ok(picked.iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| i).collect())
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Error> {
        let mut session = Session::start(false).map_err(term_error)?;
        let hint = if default { "(Y/n)" } else { "(y/N)" };
        let line = format!("{} ", self.header(prompt, hint));
        let at = column(prompt.chars().count() + hint.chars().count() + 4);
        loop {
            session.draw(std::slice::from_ref(&line), Some((0, at))).map_err(term_error)?;
            let answer = match session.key().map_err(term_error)? {
                Key::Char('y' | 'Y') => true,
                Key::Char('n' | 'N') => false,
                Key::Enter => default,
                Key::Cancel => {
                    session.finish(&self.cancelled(prompt)).map_err(term_error)?;
                    return Err(Error::Cancelled);
                }
                _ => continue,
            };
            let shown = if answer { "yes" } else { "no" };
            session.finish(&self.answered(prompt, shown)).map_err(term_error)?;
            return Ok(answer);
        }
    }

    fn say(&mut self, line: &str) -> Result<(), Error> {
        writeln!(io::stderr(), "{line}").map_err(term_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_what_the_questions_do() {
        let key = |code, modifiers| key_of(KeyEvent::new(code, modifiers));
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::CONTROL), Key::Cancel);
        assert_eq!(key(KeyCode::Esc, KeyModifiers::NONE), Key::Cancel);
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::NONE), Key::Char('c'));
        assert_eq!(key(KeyCode::Char('j'), KeyModifiers::CONTROL), Key::Enter);
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::ALT), Key::Other);
        let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(key_of(release), Key::Other);
    }

    #[test]
    fn long_text_is_cut_to_fit() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdefg", 6), "abcde…");
        assert_eq!(tail("abcdefg", 3), "efg");
        assert_eq!(tail("ab", 3), "ab");
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("", 9), Vec::<String>::new());
        assert_eq!(wrap("abcdefghijkl", 5), ["abcd…"]);
    }
}
