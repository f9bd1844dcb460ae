//! Where templates are read from: the tree embedded in the binary, or a folder
//! on disk laid out the same way (`BACKROAD_TEMPLATES`, tests). Paths are
//! always `/`-separated and relative to the template root.

use include_dir::Dir;

use crate::error::Error;

/// A template tree: the embedded one, or a folder on disk (tests, template authors).
#[derive(Debug, Clone)]
pub enum Source {
    Embedded(&'static Dir<'static>),
    Disk(std::path::PathBuf),
}

/// One template file, by its path relative to the folder it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    pub path: String,
    pub contents: Vec<u8>,
}

pub fn parse_toml<T: serde::de::DeserializeOwned>(source: &Source, path: &str) -> Result<T, Error> {
    let bytes = source.read(path).ok_or_else(|| Error::MissingTemplate { path: path.to_string() })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::NotUtf8 { path: path.to_string() })?;
    toml::from_str(text)
        .map_err(|e| Error::BadManifest { path: path.to_string(), reason: e.message().to_string() })
}

impl Source {
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self {
            Source::Embedded(dir) => dir.get_file(path).map(|f| f.contents().to_vec()),
            Source::Disk(root) => std::fs::read(root.join(path)).ok(),
        }
    }

    /// Names of the files directly in `dir` (as paths from the root).
    pub fn files_in(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        match self {
            Source::Embedded(root) => {
                if let Some(d) = root.get_dir(dir) {
                    out.extend(d.files().map(|f| path_str(f.path())));
                }
            }
            Source::Disk(root) => {
                for entry in read_dir(&root.join(dir))? {
                    if entry.is_file() {
                        out.push(format!("{dir}/{}", file_name(&entry)));
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Paths of the folders directly in `dir` (as paths from the root).
    pub fn dirs_in(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        match self {
            Source::Embedded(root) => {
                if let Some(d) = root.get_dir(dir) {
                    out.extend(d.dirs().map(|d| path_str(d.path())));
                }
            }
            Source::Disk(root) => {
                for entry in read_dir(&root.join(dir))? {
                    if entry.is_dir() {
                        out.push(format!("{dir}/{}", file_name(&entry)));
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Every file below `dir`, recursively, with paths relative to `dir`, sorted.
    pub fn tree(&self, dir: &str) -> Result<Vec<TemplateFile>, Error> {
        let mut out = Vec::new();
        match self {
            Source::Embedded(root) => {
                if let Some(d) = root.get_dir(dir) {
                    collect_embedded(d, dir, &mut out);
                }
            }
            Source::Disk(root) => {
                let base = root.join(dir);
                if base.is_dir() {
                    collect_disk(&base, &base, &mut out)?;
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

fn collect_embedded(dir: &Dir<'static>, base: &str, out: &mut Vec<TemplateFile>) {
    for file in dir.files() {
        let full = path_str(file.path());
        let rel = full.strip_prefix(base).unwrap_or(&full).trim_start_matches('/');
        out.push(TemplateFile { path: rel.to_string(), contents: file.contents().to_vec() });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, base, out);
    }
}

fn collect_disk(
    base: &std::path::Path,
    dir: &std::path::Path,
    out: &mut Vec<TemplateFile>,
) -> Result<(), Error> {
    for entry in read_dir(dir)? {
        if entry.is_dir() {
            collect_disk(base, &entry, out)?;
        } else {
            let rel = entry.strip_prefix(base).unwrap_or(&entry);
            let contents = std::fs::read(&entry)
                .map_err(|source| Error::ReadTemplates { path: entry.display().to_string(), source })?;
            out.push(TemplateFile { path: path_str(rel), contents });
        }
    }
    Ok(())
}

fn read_dir(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|source| Error::ReadTemplates { path: dir.display().to_string(), source })?;
    let mut out = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|source| Error::ReadTemplates { path: dir.display().to_string(), source })?;
        out.push(entry.path());
    }
    Ok(out)
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Template paths always use `/`, whatever the platform.
fn path_str(path: &std::path::Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}
