//! The answers a chapter shows, compared with the answers its commands got.
//!
//! A chapter's "Try it" runs commands (```` ```sh run ````) and shows what
//! they answer in the `json` or `text` block right after them. A shown answer
//! is abridged for reading, so it is read as a pattern:
//! - a line `HTTP/1.1 204 No Content` is a status: the code must be the same;
//! - a line `Name: value` is a header of that answer: the actual value must
//!   begin with the shown one (`application/json` fits
//!   `application/json; charset=utf-8`), where a trailing `...` is dropped;
//! - JSON (over several lines if need be) is a value where `...` stands for
//!   more members of an object or more items of an array, and a string
//!   containing `...` for any string. A string of digits stands for any id
//!   (`"1"` in SQL, an ObjectId in MongoDB), a timestamp for any timestamp.
//!   Everything else is compared as it is: keys, codes, counts, booleans.
//!
//! The statuses and the JSON answers must come in the order shown, and as
//! many as shown: a chapter that shows three answers for four commands fails.

use serde_json::Value;

/// One thing an answer holds.
#[derive(Debug, Clone, PartialEq)]
enum Item<J> {
    Status(u16),
    Header(String, String),
    Json(J),
}

/// A shown JSON value, abridged.
#[derive(Debug, Clone, PartialEq)]
enum Pattern {
    Object(Vec<(String, Pattern)>, bool),
    Array(Vec<Pattern>, bool),
    Value(Value),
}

/// Checks `actual` (what the commands printed) against `shown` (the answer
/// block); the error says what differs, in the chapter's terms.
pub fn check(shown: &str, actual: &str) -> Result<(), String> {
    let expected = read(shown, true, parse_pattern)?;
    let got = read(actual, false, |text| {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => Ok((value, stream.byte_offset())),
            _ => Err("not JSON".into()),
        }
    })?;
    let (want_status, want_json) = (statuses(&expected), jsons(&expected));
    if want_status > 0 && want_status != statuses(&got) {
        return Err(format!("{want_status} statuses shown, {} answered", statuses(&got)));
    }
    if want_json > 0 && want_json != jsons(&got) {
        return Err(format!("{want_json} JSON answers shown, {} answered", jsons(&got)));
    }
    // The actual items, split at each status: the headers of an answer are
    // those after its status line.
    let mut status_at = got.iter().enumerate().filter(|(_, i)| matches!(i, Item::Status(_))).map(|(n, _)| n);
    let mut json_at = got.iter().filter_map(|i| match i {
        Item::Json(value) => Some(value),
        _ => None,
    });
    let mut answer: Option<usize> = None;
    let (mut n_status, mut n_json) = (0, 0);
    for item in &expected {
        match item {
            Item::Status(code) => {
                n_status += 1;
                let at = status_at.next().ok_or("fewer statuses than shown")?;
                let Item::Status(actual) = &got[at] else { unreachable!("status_at finds statuses") };
                if actual != code {
                    return Err(format!("status {n_status}: shown {code}, answered {actual}"));
                }
                answer = Some(at);
            }
            Item::Header(name, value) => {
                let start = answer.ok_or(format!("the header {name} is shown before any status"))?;
                let found = got[start + 1..].iter().take_while(|i| !matches!(i, Item::Status(_))).find_map(
                    |i| match i {
                        Item::Header(n, v) if n.eq_ignore_ascii_case(name) => Some(v),
                        _ => None,
                    },
                );
                match found {
                    Some(actual) if actual.starts_with(value.as_str()) => {}
                    Some(actual) => {
                        return Err(format!("header {name}: shown `{value}`, answered `{actual}`"));
                    }
                    None => return Err(format!("header {name}: shown, not in answer {n_status}")),
                }
            }
            Item::Json(pattern) => {
                n_json += 1;
                let value = json_at.next().ok_or("fewer JSON answers than shown")?;
                fits(pattern, value, "")
                    .map_err(|why| format!("JSON answer {n_json}: {why} (answered {value})"))?;
            }
        }
    }
    Ok(())
}

fn statuses<J>(items: &[Item<J>]) -> usize {
    items.iter().filter(|i| matches!(i, Item::Status(_))).count()
}

fn jsons<J>(items: &[Item<J>]) -> usize {
    items.iter().filter(|i| matches!(i, Item::Json(_))).count()
}

/// Reads statuses, headers and JSON values from `text`, in order. `json`
/// reads one value at the start of a slice and says how many bytes it took.
/// `strict` (a shown answer) makes any other line an error; in what was
/// answered (an HTML page, curl's own words) such lines are passed over.
fn read<J>(
    text: &str,
    strict: bool,
    json: impl Fn(&str) -> Result<(J, usize), String>,
) -> Result<Vec<Item<J>>, String> {
    let mut items = Vec::new();
    let mut rest = text;
    let mut line_number = 1;
    while !rest.is_empty() {
        let trimmed = rest.trim_start_matches([' ', '\t', '\r']);
        if let Some(after) = trimmed.strip_prefix('\n') {
            rest = after;
            line_number += 1;
            continue;
        }
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            match json(trimmed) {
                Ok((value, used)) => {
                    line_number += trimmed[..used].matches('\n').count();
                    items.push(Item::Json(value));
                    rest = &trimmed[used..];
                    continue;
                }
                Err(why) if strict => return Err(format!("line {line_number}: {why}")),
                Err(_) => {}
            }
        }
        let (line, after) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let line = line.trim_end();
        if let Some(status) = line.strip_prefix("HTTP/") {
            let code = status.split_whitespace().nth(1).and_then(|c| c.parse().ok());
            items.push(Item::Status(code.ok_or(format!("line {line_number}: a status without a code"))?));
        } else if let Some((name, value)) = header(line) {
            items.push(Item::Header(name.to_string(), value.trim_end_matches("...").trim_end().to_string()));
        } else if strict {
            return Err(format!("line {line_number}: `{line}` is not a status, a header or JSON"));
        }
        rest = after;
        line_number += 1;
    }
    Ok(items)
}

fn header(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(": ")?;
    let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    is_name.then(|| (name, value.trim()))
}

/// Whether `value` fits `pattern`; `at` is where in the answer (`post.author`).
fn fits(pattern: &Pattern, value: &Value, at: &str) -> Result<(), String> {
    let place = |key: &str| if at.is_empty() { key.to_string() } else { format!("{at}.{key}") };
    let named = if at.is_empty() { "the answer".to_string() } else { format!("`{at}`") };
    match (pattern, value) {
        (Pattern::Object(members, more), Value::Object(object)) => {
            for (key, inner) in members {
                let found =
                    object.get(key).ok_or_else(|| format!("`{}` is shown but missing", place(key)))?;
                fits(inner, found, &place(key))?;
            }
            if !more && let Some(extra) = object.keys().find(|k| !members.iter().any(|(m, _)| m == *k)) {
                return Err(format!("`{}` is answered but not shown (or `...`)", place(extra)));
            }
            Ok(())
        }
        (Pattern::Array(items, more), Value::Array(array)) => {
            if array.len() < items.len() || (!more && array.len() != items.len()) {
                return Err(format!("{named} has {} items, {} shown", array.len(), items.len()));
            }
            for (n, (inner, found)) in items.iter().zip(array).enumerate() {
                fits(inner, found, &place(&n.to_string()))?;
            }
            Ok(())
        }
        (Pattern::Value(Value::String(shown)), Value::String(actual)) => {
            let any = shown.contains("...")
                || (!shown.is_empty() && shown.chars().all(|c| c.is_ascii_digit()) && !actual.is_empty())
                || (is_timestamp(shown) && is_timestamp(actual));
            if any || shown == actual {
                Ok(())
            } else {
                Err(format!("{named} is shown \"{shown}\", answered \"{actual}\""))
            }
        }
        (Pattern::Value(shown), actual) if shown == actual => Ok(()),
        (Pattern::Value(shown), actual) => Err(format!("{named} is shown {shown}, answered {actual}")),
        (Pattern::Object(..), _) => Err(format!("{named} is shown an object, answered {value}")),
        (Pattern::Array(..), _) => Err(format!("{named} is shown an array, answered {value}")),
    }
}

/// `2026-12-07T09:00:00Z` and the like: a date, a `T`, a time.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
}

/// Parses one abridged JSON value at the start of `text`.
fn parse_pattern(text: &str) -> Result<(Pattern, usize), String> {
    let mut parser = Parser { text, at: 0 };
    let pattern = parser.value()?;
    Ok((pattern, parser.at))
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        let found = self.text[self.at..].starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            let near: String = self.text[self.at..].chars().take(20).collect();
            Err(format!("expected `{token}` at `{near}`"))
        }
    }

    fn value(&mut self) -> Result<Pattern, String> {
        self.skip_space();
        if self.eat("{") {
            let mut members = Vec::new();
            let mut more = false;
            if !self.eat("}") {
                loop {
                    if self.eat("...") {
                        more = true;
                    } else {
                        let Pattern::Value(Value::String(key)) = self.scalar()? else {
                            return Err("an object's key is a string".into());
                        };
                        self.expect(":")?;
                        members.push((key, self.value()?));
                    }
                    if self.eat("}") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
            Ok(Pattern::Object(members, more))
        } else if self.eat("[") {
            let mut items = Vec::new();
            let mut more = false;
            if !self.eat("]") {
                loop {
                    if self.eat("...") {
                        more = true;
                    } else {
                        items.push(self.value()?);
                    }
                    if self.eat("]") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
            Ok(Pattern::Array(items, more))
        } else {
            self.scalar()
        }
    }

    /// A string, number, boolean or null: serde_json reads it.
    fn scalar(&mut self) -> Result<Pattern, String> {
        self.skip_space();
        let rest = &self.text[self.at..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) if !value.is_object() && !value.is_array() => {
                self.at += stream.byte_offset();
                Ok(Pattern::Value(value))
            }
            _ => {
                let near: String = rest.chars().take(20).collect();
                Err(format!("not JSON at `{near}`"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abridged_answer_fits_the_full_one_in_any_key_order() {
        let shown = r#"{"user": {"id": "1", "username": "ada", "bio": "", "created_at": "2026-12-07T09:00:00Z"},
 "token": "kX3v...Q"}"#;
        let actual = r#"{"token":"abc","user":{"bio":"","created_at":"2026-12-07T10:11:12.5Z","id":"65a1f","username":"ada"}}"#;
        assert_eq!(check(shown, actual), Ok(()));
    }

    #[test]
    fn a_different_code_a_missing_or_extra_key_or_a_count_fails() {
        let shown = r#"{"error": {"code": "conflict", "message": "..."}}"#;
        let err = check(shown, r#"{"error":{"code":"username_taken","message":"taken"}}"#).unwrap_err();
        assert!(err.contains("error.code") && err.contains("username_taken"), "{err}");
        let err = check(shown, r#"{"error":{"code":"conflict"}}"#).unwrap_err();
        assert!(err.contains("`error.message` is shown but missing"), "{err}");
        let err = check(shown, r#"{"error":{"code":"conflict","message":"x","fields":{}}}"#).unwrap_err();
        assert!(err.contains("`error.fields` is answered but not shown"), "{err}");
        let counted = r#"{"post": {"id": "4", ..., "like_count": 1}}"#;
        assert_eq!(check(counted, r#"{"post":{"id":"9","body":"x","like_count":1}}"#), Ok(()));
        let err = check(counted, r#"{"post":{"id":"9","body":"x","like_count":2}}"#).unwrap_err();
        assert!(err.contains("`post.like_count` is shown 1, answered 2"), "{err}");
    }

    #[test]
    fn lists_may_be_abridged_with_dots_and_otherwise_have_the_shown_length() {
        let shown = r#"{"posts": [{"id": "3", ...}, ...], "next_cursor": null}"#;
        assert_eq!(
            check(shown, r#"{"posts":[{"id":"3","body":"a"},{"id":"2"}],"next_cursor":null}"#),
            Ok(())
        );
        let exact = r#"{"posts": [{"id": "3", ...}], "next_cursor": "..."}"#;
        let err = check(exact, r#"{"posts":[{"id":"3"},{"id":"2"}],"next_cursor":"x"}"#).unwrap_err();
        assert!(err.contains("`posts` has 2 items, 1 shown"), "{err}");
        let err = check(exact, r#"{"posts":[{"id":"3"}],"next_cursor":null}"#).unwrap_err();
        assert!(err.contains("next_cursor"), "{err}");
    }

    #[test]
    fn statuses_headers_and_bodies_of_several_commands_come_in_order() {
        let shown = "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"status\": \"ok\"}\n\nHTTP/1.1 204 No Content\n";
        let actual = "HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\nx-request-id: 1\r\n\r\n{\"status\":\"ok\"}HTTP/1.1 204 No Content\r\ndate: now\r\n\r\n";
        assert_eq!(check(shown, actual), Ok(()));
        let err = check(shown, &actual.replace("204 No Content", "200 OK")).unwrap_err();
        assert!(err.contains("status 2: shown 204, answered 200"), "{err}");
        let err = check(shown, &actual.replace("content-type", "x-type")).unwrap_err();
        assert!(err.contains("header Content-Type"), "{err}");
        let err = check("{\"a\": 1}\n{\"b\": 2}", "{\"a\":1}").unwrap_err();
        assert!(err.contains("2 JSON answers shown, 1 answered"), "{err}");
    }

    #[test]
    fn a_shown_answer_that_is_neither_status_header_nor_json_is_an_error() {
        let err = check("the server says hello", "{}").unwrap_err();
        assert!(err.contains("line 1") && err.contains("not a status"), "{err}");
        let page = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n<!doctype html>\n<p>{not json</p>\n";
        assert_eq!(check("HTTP/1.1 200 OK\nContent-Type: text/html", page), Ok(()), "a page is passed over");
    }
}
