//! Prints a list of files as an indented tree with sizes (`new --dry-run`).

use std::collections::BTreeMap;

#[derive(Default)]
struct Node {
    dirs: BTreeMap<String, Node>,
    files: BTreeMap<String, usize>,
}

/// The tree of `files` (`/`-separated paths with their sizes) under `root`,
/// folders first, then files, each sorted by name, and a total line.
pub fn render(root: &str, files: &[(String, usize)]) -> String {
    let mut top = Node::default();
    for (path, size) in files {
        let mut node = &mut top;
        let mut parts = path.split('/').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                node.files.insert(part.to_string(), *size);
            } else {
                node = node.dirs.entry(part.to_string()).or_default();
            }
        }
    }
    let mut out = format!("{root}/\n");
    walk(&top, "", &mut out);
    let total: usize = files.iter().map(|(_, s)| s).sum();
    out.push_str(&format!("{} files, {}\n", files.len(), human_size(total)));
    out
}

fn walk(node: &Node, indent: &str, out: &mut String) {
    let count = node.dirs.len() + node.files.len();
    let entries = node.dirs.keys().map(|d| (d, None)).chain(node.files.iter().map(|(f, s)| (f, Some(*s))));
    for (i, (name, size)) in entries.enumerate() {
        let last = i + 1 == count;
        let branch = if last { "└── " } else { "├── " };
        match size {
            Some(size) => out.push_str(&format!("{indent}{branch}{name}  {}\n", human_size(size))),
            None => {
                out.push_str(&format!("{indent}{branch}{name}/\n"));
                let deeper = format!("{indent}{}", if last { "    " } else { "│   " });
                walk(&node.dirs[name], &deeper, out);
            }
        }
    }
}

/// Bytes in the unit a person reads fastest: `512 B`, `4.2 KiB`, `1.5 MiB`.
pub fn human_size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / KIB / KIB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_first_with_sizes_and_total() {
        let files = vec![
            ("README.md".to_string(), 2048),
            ("app/models.py".to_string(), 10),
            ("app/routes/posts.py".to_string(), 20),
            (".gitignore".to_string(), 5),
        ];
        let expected = "\
demo/
├── app/
│   ├── routes/
│   │   └── posts.py  20 B
│   └── models.py  10 B
├── .gitignore  5 B
└── README.md  2.0 KiB
4 files, 2.0 KiB
";
        assert_eq!(render("demo", &files), expected);
    }

    #[test]
    fn sizes_pick_their_unit() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB");
    }
}
