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
    /// Words a reader replaces (`the-token-you-copied`) and with what:
    /// `{token}` stands for the last `"token"` any block printed, and
    /// `{json:posts.0.id}` for the last such value (here: the id of the first
    /// of a list of posts).
    pub substitute: &'a [(String, String)],
    /// Whether an HTTP error answer fails the script (a README's commands
    /// must succeed) or is printed (a chapter shows error answers on
    /// purpose, and [`answered`] compares them afterwards).
    pub fail_on_error: bool,
}

/// One bash script: each runnable block of each file, in order, in one shell
/// (so a variable set in one block is there in the next), stopping at the
/// first that fails. `files` are (name, markdown). What the n-th block
/// printed is kept in `block-NNN.out` of the logs folder. Servers are left
/// running: the caller runs the script in a process group of its own and
/// stops it.
pub fn script(files: &[(String, String)], setting: &Setting) -> (String, usize) {
    let mut out = String::from(PRELUDE);
    if setting.fail_on_error {
        out.push_str(FAIL_ON_ERROR);
    }
    let mut count = 0;
    for (name, markdown) in files {
        for block in blocks(markdown).iter().filter(|b| b.runs() || b.serves()) {
            count += 1;
            let mut text = block.text.clone();
            for (word, value) in setting.substitute {
                text = text.replace(word, &substitution(value));
            }
            let title = format!("{name}:{}", block.line);
            out.push_str(&format!("\n__block {count} {}\n", quote(&title)));
            if block.serves() {
                out.push_str(&format!(
                    "( {text}\n) >>\"$__dir/server.log\" 2>&1 &\n__wait {} {}\n",
                    setting.port,
                    quote(&title)
                ));
            } else {
                // In this shell, not a subshell: a variable it sets stays.
                out.push_str(&format!("{{ {text}\n}} >\"$__out\" 2>&1\n__done\n"));
            }
        }
    }
    out.push_str("\necho \"==> every block ran\"\n");
    (out, count)
}

/// A substitution's value as shell: `{token}` and `{json:PATH}` read what
/// was printed so far.
fn substitution(value: &str) -> String {
    let value = value.replace("{token}", "$(__json token)");
    let mut out = String::new();
    let mut rest = value.as_str();
    while let Some(start) = rest.find("{json:") {
        let Some(end) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        out.push_str(&format!("$(__json {})", &rest[start + 6..start + end]));
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The runnable blocks that are followed by the answer they should get (the
/// next block, if its language is `json` or `text`): (the block's number in
/// [`script`], file:line, the shown answer). Files as for [`script`].
pub fn answered(files: &[(String, String)]) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    let mut count = 0;
    for (name, markdown) in files {
        let all = blocks(markdown);
        for (n, block) in all.iter().enumerate() {
            if !(block.runs() || block.serves()) {
                continue;
            }
            count += 1;
            if let Some(next) = all.get(n + 1)
                && block.runs()
                && matches!(next.language.as_str(), "json" | "text")
            {
                found.push((count, format!("{name}:{}", block.line), next.text.clone()));
            }
        }
    }
    found
}

/// The file that holds what block `n` of a script printed.
pub fn printed_file(logs: &std::path::Path, n: usize) -> std::path::PathBuf {
    logs.join(format!("block-{n:03}.out"))
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
__out=/dev/null
# A block's output goes to its own file, then to the terminal. If the
# block fails, the script stops here and shows what the block printed.
__block() { __out=$(printf '%s/block-%03d.out' "$__dir" "$1"); printf '\n==> %s\n' "$2"; }
__done() { cat "$__out"; echo; __out=/dev/null; }
trap 'if [ "$__out" != /dev/null ]; then cat "$__out"; fi' EXIT
# The last value at PATH (`token`, `posts.0.id`) in any JSON that a block
# has printed so far, as a reader copies it from the terminal.
__json() {
  python3 - "$1" "$__dir" <<'PY'
import glob, json, sys
path, folder = sys.argv[1].split("."), sys.argv[2]
text = "".join(open(f).read() for f in sorted(glob.glob(folder + "/block-*.out")))
found, at, decoder = None, 0, json.JSONDecoder()
while at < len(text):
    if text[at] not in "{[":
        at += 1
        continue
    try:
        value, end = decoder.raw_decode(text, at)
    except ValueError:
        at += 1
        continue
    at = end
    try:
        for key in path:
            value = value[int(key)] if isinstance(value, list) else value[key]
    except (KeyError, IndexError, ValueError, TypeError):
        continue
    if isinstance(value, str):
        found = value
if found is None:
    sys.exit("no answer printed so far has " + sys.argv[1])
print(found)
PY
}
__wait() {
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "the server of $2 did not listen on port $1 within 120 s; its log:"; tail -n 40 "$__dir/server.log"
  return 1
}
"#;

const FAIL_ON_ERROR: &str = r#"# A reader sees an error answer; the script must fail on one.
curl() { command curl --fail-with-body "$@"; }
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
        let (script, count) = script(
            &[("README.md".into(), README.into())],
            &Setting { port: 3000, substitute: &substitute, fail_on_error: true },
        );
        assert_eq!(count, 3);
        let ci = script.find("npm ci").unwrap();
        let dev = script.find("( npm run dev\n) >>").unwrap();
        let curl = script.find("Bearer $(__json token)").unwrap();
        assert!(ci < dev && dev < curl, "{script}");
        assert!(script.contains("__wait 3000 'README.md:13'"));
        assert!(script.contains("--fail-with-body"), "a README's commands must succeed");
        assert!(!script.contains("MONGODB_URI=mongodb://x"), "an unmarked block is not run");
        assert!(!script.contains("$env:X"));
    }

    #[test]
    fn unmarked_shell_blocks_are_kept_for_a_syntax_check() {
        let unrun = unrun_shell(&[("README.md".into(), README.into())]);
        assert_eq!(unrun, [("README.md:7".to_string(), "MONGODB_URI=mongodb://x npm test".to_string())]);
    }

    /// Runs a script as `cargo xtask docs` does, in a logs folder of its own:
    /// (its output, the folder, which the caller removes).
    pub(super) fn run(script: &str, name: &str) -> (std::process::Output, std::path::PathBuf) {
        let logs = std::env::temp_dir().join(format!("docs-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&logs).unwrap();
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .env("DOCS_LOGS", &logs)
            .output()
            .unwrap();
        (output, logs)
    }

    #[test]
    fn the_script_stops_at_the_first_block_that_fails_and_keeps_variables() {
        let readme = "```sh run\nGREETING=hello\n```\n\n```sh run\necho \"$GREETING\"; false\n```\n\n```sh run\necho never\n```\n";
        let (script, _) = script(
            &[("README.md".into(), readme.into())],
            &Setting { port: 1, substitute: &[], fail_on_error: true },
        );
        let (output, logs) = run(&script, "blocks");
        let printed = String::from_utf8_lossy(&output.stdout).to_string();
        assert_eq!(std::fs::read_to_string(printed_file(&logs, 2)).unwrap(), "hello\n");
        std::fs::remove_dir_all(&logs).unwrap();
        assert!(!output.status.success());
        assert!(printed.contains("hello"), "a variable set in one block is there in the next: {printed}");
        assert!(!printed.contains("never"), "{printed}");
    }
}

#[cfg(test)]
mod chapter_tests {
    use super::*;

    const CHAPTER: &str = "\
```sh run
echo '{\"token\": \"t1\"}'; echo '{\"posts\": [{\"id\": \"7\"}]}'
```

```json
{\"token\": \"...\"}
```

Prose, then a command whose answer is not shown:

```sh run
echo \"$(printf 'token=%s post=%s' the-token-you-copied the-id-you-copied)\"
```

```sh
docker compose up
```
";

    #[test]
    fn answers_pair_with_the_block_before_them_and_words_read_what_was_printed() {
        let files = [("docs/tutorial/01-start.md".to_string(), CHAPTER.to_string())];
        assert_eq!(
            answered(&files),
            [(1, "docs/tutorial/01-start.md:1".to_string(), "{\"token\": \"...\"}".to_string())]
        );
        let substitute = [
            ("the-token-you-copied".to_string(), "{token}".to_string()),
            ("the-id-you-copied".to_string(), "{json:posts.0.id}".to_string()),
        ];
        let (script, count) =
            script(&files, &Setting { port: 1, substitute: &substitute, fail_on_error: false });
        assert_eq!(count, 2);
        assert!(!script.contains("--fail-with-body"), "a chapter shows error answers");
        let (output, logs) = super::tests::run(&script, "chapter");
        let second = std::fs::read_to_string(printed_file(&logs, 2)).unwrap();
        std::fs::remove_dir_all(&logs).unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
        assert_eq!(second, "token=t1 post=7\n");
    }
}
