//! Versions as tools print them, and whether one is new enough.

use std::cmp::Ordering;
use std::fmt;

/// Dotted numbers: `3.11.7`, `20`, `1.95.0`. Missing parts count as 0, so
/// `3.10` and `3.10.0` are equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version(Vec<u64>);

impl Version {
    /// The version at the start of `text`, after an optional `v`: "v20.1.0",
    /// "10.11.6-MariaDB" (what follows the numbers is ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_start_matches('v');
        let mut parts = Vec::new();
        for part in text.split('.') {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                break;
            }
            parts.push(digits.parse().ok()?);
            if digits.len() < part.len() {
                break;
            }
        }
        (!parts.is_empty()).then_some(Self(parts))
    }

    pub fn at_least(&self, minimum: &Version) -> bool {
        self.compare(minimum) != Ordering::Less
    }

    fn compare(&self, other: &Version) -> Ordering {
        let len = self.0.len().max(other.0.len());
        let part = |v: &Version, i: usize| v.0.get(i).copied().unwrap_or(0);
        (0..len).map(|i| part(self, i).cmp(&part(other, i))).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(u64::to_string).collect();
        f.write_str(&parts.join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn parses_what_tools_print() {
        assert_eq!(v("3.11.7").to_string(), "3.11.7");
        assert_eq!(v("v20.20.2").to_string(), "20.20.2");
        assert_eq!(v("10.11.6-MariaDB").to_string(), "10.11.6");
        assert_eq!(v("1.95.0 (f2d3ce0bd 2026-03-21)").to_string(), "1.95.0");
        assert_eq!(v("8").to_string(), "8");
        assert_eq!(Version::parse("MariaDB"), None);
        assert_eq!(Version::parse(""), None);
    }

    #[test]
    fn compares_part_by_part() {
        assert!(v("3.11.7").at_least(&v("3.10")));
        assert!(v("3.10.0").at_least(&v("3.10")));
        assert!(v("3.10").at_least(&v("3.10.0")));
        assert!(!v("3.9.18").at_least(&v("3.10")));
        assert!(v("20.0.0").at_least(&v("20")));
        assert!(!v("18.19.1").at_least(&v("20")));
        assert!(!v("1.94.1").at_least(&v("1.95")));
    }
}
