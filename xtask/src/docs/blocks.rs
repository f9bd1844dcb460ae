//! The command blocks of a Markdown file, and the one shell script that runs
//! the runnable ones in order, as a reader pasting them into one terminal would.
//!
//! A fenced block's info string says what it is for. Its first word is the
//! language GitHub highlights (`sh`, `powershell`, `text`...); the words after
//! it are for the matrix, and GitHub does not show them:
//! - ```` ```sh run ````: run it; it must succeed.
//! - ```` ```sh serve ````: a server; start it, wait until the stack's port
//!   answers, leave it running for the blocks after it.
//! - ```` ```sh ```` alone: not run (another machine's, or one that needs what
//!   the matrix has not got), but its syntax is checked with `bash -n`.
//!
//! Other languages are not run.

/// One fenced block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The line of the opening fence, from 1.
    pub line: usize,
    pub language: String,
    /// The words after the language.
    pub marks: Vec<String>,
    pub text: String,
}

impl Block {
    pub fn is_shell(&self) -> bool {
        matches!(self.language.as_str(), "sh" | "bash" | "shell" | "console")
    }

    pub fn runs(&self) -> bool {
        self.is_shell() && self.marks.iter().any(|m| m == "run")
    }

    pub fn serves(&self) -> bool {
        self.is_shell() && self.marks.iter().any(|m| m == "serve")
    }
}

/// Every fenced block of `markdown`, indented ones (in a list) included.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<(usize, String, String, Vec<String>)> = None; // line, fence, indent, lines
    let mut info = String::new();
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match &mut open {
            None => {
                if let Some(fence) = fence_of(trimmed) {
                    info = trimmed[fence.len()..].trim().to_string();
                    open = Some((index + 1, fence, indent.to_string(), Vec::new()));
                }
            }
            Some((start, fence, block_indent, lines)) => {
                if trimmed.starts_with(fence.as_str()) && trimmed[fence.len()..].trim().is_empty() {
                    let mut words = info.split_whitespace().map(str::to_string);
                    found.push(Block {
                        line: *start,
                        language: words.next().unwrap_or_default(),
                        marks: words.collect(),
                        text: lines.join("\n"),
                    });
                    open = None;
                } else {
                    lines.push(line.strip_prefix(block_indent.as_str()).unwrap_or(line).to_string());
                }
            }
        }
    }
    found
}

/// The fence (three or more backticks) a line opens with, if any.
fn fence_of(line: &str) -> Option<String> {
    let ticks = line.chars().take_while(|c| *c == '`').count();
    (ticks >= 3).then(|| "`".repeat(ticks))
}

/// What a script needs to know of the project it runs in.
pub struct Setting<'a> {
    /// The port the stack's server listens on by default: a `serve` block is
    /// up when it answers there.
    pub port: u16,
    /// Words a reader replaces (`the-token-you-copied`) and with what;
    /// `{token}` stands for the last `"token"` any block printed.
    pub substitute: &'a [(String, String)],
}

/// One bash script: each runnable block of each file, in order, in one shell
/// (so a variable set in one block is there in the next), stopping at the
/// first that fails. `files` are (name, markdown). Servers are left running:
/// the caller runs the script in a process group of its own and stops it.
pub fn script(files: &[(String, String)], setting: &Setting) -> (String, usize) {
    let mut out = String::from(PRELUDE);
    let mut count = 0;
    for (name, markdown) in files {
        for block in blocks(markdown).iter().filter(|b| b.runs() || b.serves()) {
            count += 1;
            let mut text = block.text.clone();
            for (word, value) in setting.substitute {
                text = text.replace(word, &value.replace("{token}", "$(__token)"));
            }
            let title = format!("{name}:{}", block.line);
            out.push_str(&format!("\n__block {}\n", quote(&title)));
            if block.serves() {
                out.push_str(&format!(
                    "( {text}\n) >>\"$__dir/server.log\" 2>&1 &\n__wait {} {}\n",
                    setting.port,
                    quote(&title)
                ));
            } else {
                out.push_str(&text);
                // What curl printed ends without a newline.
                out.push_str("\necho\n");
            }
        }
    }
    out.push_str("\necho \"==> every block ran\"\n");
    (out, count)
}

/// The shell blocks that are not run, for `bash -n`: (file:line, text).
pub fn unrun_shell(files: &[(String, String)]) -> Vec<(String, String)> {
    files
        .iter()
        .flat_map(|(name, markdown)| {
            blocks(markdown)
                .into_iter()
                .filter(|b| b.is_shell() && !b.runs() && !b.serves())
                .map(move |b| (format!("{name}:{}", b.line), b.text))
        })
        .collect()
}

const PRELUDE: &str = r#"set -euo pipefail
__dir=${DOCS_LOGS:?}
# Everything a block prints is kept, so that a later block can use what an
# earlier one printed, as a reader copies it from the terminal.
exec > >(tee -a "$__dir/printed.txt") 2>&1
__block() { printf '\n==> %s\n' "$1"; }
# A reader sees an error answer; the script must fail on one.
curl() { command curl --fail-with-body "$@"; }
__token() { grep -o '"token": *"[^"]*"' "$__dir/printed.txt" | tail -n 1 | sed 's/.*"\([^"]*\)"$/\1/'; }
__wait() {
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "the server of $2 did not listen on port $1 within 120 s; its log:"; tail -n 40 "$__dir/server.log"
  return 1
}
"#;

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "\
# Title

```sh run
npm ci
```

```sh
MONGODB_URI=mongodb://x npm test
```

- In a list:

  ```sh serve
  npm run dev
  ```

```sh run
curl -s -H \"Authorization: Bearer the-token-you-copied\" http://127.0.0.1:3000/api/me
```

````text
```sh run
not a block of its own
```
````

```powershell
$env:X = 1
```
";

    #[test]
    fn reads_languages_marks_lines_and_indented_blocks() {
        let found = blocks(README);
        let summary: Vec<_> =
            found.iter().map(|b| (b.line, b.language.as_str(), b.marks.join(" "))).collect();
        assert_eq!(
            summary,
            [
                (3, "sh", "run".to_string()),
                (7, "sh", String::new()),
                (13, "sh", "serve".to_string()),
                (17, "sh", "run".to_string()),
                (21, "text", String::new()),
                (27, "powershell", String::new()),
            ]
        );
        assert_eq!(found[2].text, "npm run dev", "the list's indent is not part of the command");
        assert!(found[4].text.contains("not a block of its own"), "a longer fence holds a shorter one");
    }

    #[test]
    fn the_script_runs_marked_blocks_in_order_with_the_readers_words() {
        let substitute = [("the-token-you-copied".to_string(), "{token}".to_string())];
        let (script, count) =
            script(&[("README.md".into(), README.into())], &Setting { port: 3000, substitute: &substitute });
        assert_eq!(count, 3);
        let ci = script.find("npm ci").unwrap();
        let dev = script.find("( npm run dev\n) >>").unwrap();
        let curl = script.find("Bearer $(__token)").unwrap();
        assert!(ci < dev && dev < curl, "{script}");
        assert!(script.contains("__wait 3000 'README.md:13'"));
        assert!(!script.contains("MONGODB_URI=mongodb://x"), "an unmarked block is not run");
        assert!(!script.contains("$env:X"));
    }

    #[test]
    fn unmarked_shell_blocks_are_kept_for_a_syntax_check() {
        let unrun = unrun_shell(&[("README.md".into(), README.into())]);
        assert_eq!(unrun, [("README.md:7".to_string(), "MONGODB_URI=mongodb://x npm test".to_string())]);
    }

    #[test]
    fn the_script_stops_at_the_first_block_that_fails_and_keeps_variables() {
        let readme = "```sh run\nGREETING=hello\n```\n\n```sh run\necho \"$GREETING\"; false\n```\n\n```sh run\necho never\n```\n";
        let (script, _) =
            script(&[("README.md".into(), readme.into())], &Setting { port: 1, substitute: &[] });
        let logs = std::env::temp_dir().join(format!("docs-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&logs).unwrap();
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .env("DOCS_LOGS", &logs)
            .output()
            .unwrap();
        let printed = std::fs::read_to_string(logs.join("printed.txt")).unwrap();
        std::fs::remove_dir_all(&logs).unwrap();
        assert!(!output.status.success());
        assert!(printed.contains("hello"), "a variable set in one block is there in the next: {printed}");
        assert!(!printed.contains("never"), "{printed}");
    }
}
