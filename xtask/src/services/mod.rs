//! What some stacks need besides their own commands: database servers the
//! matrix starts once per run (`[e2e].services` in a stack's manifest), the
//! environment their projects get (`[e2e].env`, with `{placeholders}`), and a
//! server other than `commands.run` (`[e2e].server`: Apache for LAMP).

pub mod apache;
pub mod mariadb;
pub mod mongod;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::backroad::E2e;
use crate::doctor::Programs;
use crate::steps::{Group, Project};

/// A combination's environment: (name, value) pairs.
pub type Env = Vec<(String, String)>;

/// The services started so far; each starts on first use and stops when this
/// is dropped.
pub struct Services {
    workspace: PathBuf,
    /// Data directories and generated configuration.
    state: PathBuf,
    /// Where each service's log goes.
    logs: PathBuf,
    mongod: Option<mongod::Mongod>,
    mariadb: Option<mariadb::MariaDb>,
    /// Where the servers' programs are, from `backroad doctor --json`.
    programs: Programs,
}

impl Services {
    pub fn new(workspace: &Path, state: &Path, logs: &Path, programs: Programs) -> Self {
        Self {
            workspace: workspace.to_path_buf(),
            state: state.to_path_buf(),
            logs: logs.to_path_buf(),
            mongod: None,
            mariadb: None,
            programs,
        }
    }

    /// The services for `combinations`, each readied in turn (its database
    /// made, in the folder `name` gives it under `projects`) before any runs,
    /// so that the combinations can then run side by side sharing the
    /// servers: the environment of each, in order.
    pub fn for_combinations(
        workspace: &Path,
        projects: &Path,
        logs: &Path,
        programs: Programs,
        combinations: &[(&crate::backroad::Stack, &crate::backroad::Idea)],
        name: impl Fn(&crate::backroad::Stack, &crate::backroad::Idea) -> String,
    ) -> (Self, Vec<Result<Env>>) {
        let mut services = Self::new(workspace, &projects.join("services"), logs, programs);
        let prepared = combinations
            .iter()
            .map(|(stack, idea)| {
                let name = name(stack, idea);
                services.prepare(&stack.e2e.for_idea(&idea.name), &name, &projects.join(&name))
            })
            .collect();
        (services, prepared)
    }

    /// Starts whatever `e2e.services` names that is not running yet, readies it
    /// for one combination, and returns the project's environment with every
    /// placeholder filled in.
    pub fn prepare(&mut self, e2e: &E2e, database: &str, project: &Path) -> Result<Vec<(String, String)>> {
        let mut vars = BTreeMap::from([
            ("database".to_string(), database.to_string()),
            ("project_dir".to_string(), project.display().to_string()),
        ]);
        if !e2e.services.is_empty() {
            std::fs::create_dir_all(&self.logs)
                .with_context(|| format!("could not create {}", self.logs.display()))?;
        }
        // The mongod program itself, for a project that starts its own (node's
        // first run): found or installed, not started.
        if e2e.env.values().any(|v| v.contains("{mongod_binary}")) {
            let log = self.logs.join("mongod.log");
            std::fs::create_dir_all(&self.logs)
                .with_context(|| format!("could not create {}", self.logs.display()))?;
            let binary = mongod::binary(&self.workspace, &self.programs, &log)?;
            vars.insert("mongod_binary".to_string(), binary.display().to_string());
        }
        for service in &e2e.services {
            let log = self.logs.join(format!("{service}.log"));
            let state = self.state.join(service);
            let started = match service.as_str() {
                "mongod" => {
                    if self.mongod.is_none() {
                        println!("==> starting mongod (log: {})", log.display());
                        self.mongod =
                            Some(mongod::Mongod::start(&self.workspace, &self.programs, &state, &log)?);
                    }
                    self.mongod.as_ref().map(|m| m.vars())
                }
                "mariadb" => {
                    if self.mariadb.is_none() {
                        println!("==> starting mariadb (log: {})", log.display());
                        fresh_dir(&state)?;
                        self.mariadb = Some(mariadb::MariaDb::start(&self.programs, &state, &log)?);
                    }
                    let server = self.mariadb.as_ref().expect("started above");
                    server.reset_databases(&[database.to_string(), format!("{database}_test")])?;
                    Some(server.vars())
                }
                other => {
                    bail!("unknown service `{other}` in [e2e].services (the matrix knows mongod, mariadb)")
                }
            };
            vars.extend(started.unwrap_or_default());
        }
        e2e.env.iter().map(|(name, template)| Ok((name.clone(), fill(template, &vars)?))).collect()
    }

    /// Starts the project's server on `port`: `commands.run`, or the server
    /// `[e2e].server` names.
    pub fn serve(&self, e2e: &E2e, project: &Project, run: &str, port: u16, log: &Path) -> Result<Group> {
        match e2e.server.as_deref() {
            None => project.start(run, &[("PORT", port.to_string())], log),
            Some("apache") => {
                let state = self.state.join(format!("apache-{port}"));
                fresh_dir(&state)?;
                let env: Vec<(String, String)> = project
                    .env
                    .iter()
                    .map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned()))
                    .chain([("PORT".to_string(), port.to_string())])
                    .collect();
                apache::serve(&self.programs, &project.dir, port, &env, &state, log)
            }
            Some(other) => bail!("unknown server `{other}` in [e2e].server (the matrix knows apache)"),
        }
    }
}

fn fresh_dir(path: &Path) -> Result<()> {
    if path.exists() {
        std::fs::remove_dir_all(path).with_context(|| format!("could not remove {}", path.display()))?;
    }
    std::fs::create_dir_all(path).with_context(|| format!("could not create {}", path.display()))
}

/// Replaces each `{name}` in `template` with its value; an unknown name is an
/// error rather than a silently wrong setting.
fn fill(template: &str, vars: &BTreeMap<String, String>) -> Result<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { bail!("unclosed `{{` in `{template}`") };
        let name = &after[..end];
        match vars.get(name) {
            Some(value) => out.push_str(value),
            None => {
                let known: Vec<&str> = vars.keys().map(String::as_str).collect();
                bail!("unknown placeholder `{{{name}}}` in `{template}` (known here: {})", known.join(", "));
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("database".to_string(), "e2e_node_twitter".to_string()),
            ("mongodb_uri".to_string(), "mongodb://127.0.0.1:27123".to_string()),
        ])
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("{mongodb_uri}/{database}", &vars()).unwrap(),
            "mongodb://127.0.0.1:27123/e2e_node_twitter"
        );
        assert_eq!(fill("plain", &vars()).unwrap(), "plain");
    }

    #[test]
    fn an_unknown_placeholder_is_an_error() {
        let error = fill("{mysql_port}", &vars()).unwrap_err().to_string();
        assert_eq!(
            error,
            "unknown placeholder `{mysql_port}` in `{mysql_port}` (known here: database, mongodb_uri)"
        );
        assert!(fill("{database", &vars()).is_err());
    }

    #[test]
    fn no_services_means_only_the_project_placeholders() {
        let e2e = E2e {
            services: vec![],
            env: BTreeMap::from([("DB".to_string(), "{project_dir}/{database}.db".to_string())]),
            server: None,
            ..E2e::default()
        };
        let mut services =
            Services::new(Path::new("/ws"), Path::new("/state"), Path::new("/logs"), Programs::default());
        let env = services.prepare(&e2e, "e2e_x_y", Path::new("/p")).unwrap();
        assert_eq!(env, [("DB".to_string(), "/p/e2e_x_y.db".to_string())]);
        let unknown = E2e { services: vec!["redis".into()], ..e2e };
        let error = services.prepare(&unknown, "e2e_x_y", Path::new("/p")).unwrap_err().to_string();
        assert!(error.starts_with("unknown service `redis`"), "{error}");
    }
}
