//! `backroad new`: fill in the choices (flags, then questions in a terminal,
//! or the defaults with `--yes`), check them, generate, and say what to do next.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::catalog::{Catalog, Idea, Stack, Step};
use crate::cli::NewArgs;
use crate::doctor::{self, Doctor};
use crate::generate;
use crate::generate::git::GitOutcome;
use crate::generate::plan::{Choices, NewPlan};
use crate::generate::target::{self, Target};
use crate::tree;
use crate::ui::Ui;
use crate::wizard::prompt::terminal::Terminal;
use crate::wizard::{self, Wizard};

pub fn execute(args: NewArgs, catalog: &Catalog, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let choices = Choices {
        name: args.name,
        stack: args.stack,
        idea: args.idea,
        output: args.output,
        force: args.force,
        dry_run: args.dry_run,
        no_git: args.no_git,
        step: args.step,
        tutorial: args.tutorial,
    };
    let mut doctor = Doctor::new(catalog.tools()?);
    let plan = if args.yes {
        NewPlan::check(wizard::defaults(choices, catalog), catalog)?
    } else if ui.interactive && wizard::incomplete(&choices) {
        let mut terminal = Terminal::new(ui.err);
        let mut missing = |stack: &Stack| doctor::problems(&doctor.check(stack));
        Wizard::new(catalog, &mut terminal, ui.err, &mut missing).run(choices)?
    } else {
        NewPlan::check(choices, catalog)?
    };
    if plan.dry_run {
        return dry_run(&plan, catalog, out);
    }
    let generated = generate::generate(&plan, catalog)?;
    if ui.quiet {
        return Ok(ExitCode::SUCCESS);
    }
    let p = ui.out;
    let target = plan.target.display();
    writeln!(
        out,
        "{} {} ({} on {}): {} files in {target}",
        p.good("Created"),
        p.strong(&plan.names.name),
        plan.idea.title,
        plan.stack.title,
        generated.files.len()
    )?;
    if plan.names.package_renamed {
        let n = &plan.names;
        writeln!(
            out,
            "{} '{}' is a name the {} stack needs for itself, so inside the project it is '{}' (the README says where)",
            p.warn("note:"),
            n.snake,
            plan.stack.name,
            n.package
        )?;
    }
    if !generated.written.replaced.is_empty() {
        writeln!(out, "Replaced {} existing files:", generated.written.replaced.len())?;
        for path in &generated.written.replaced {
            writeln!(out, "  {path}")?;
        }
    }
    match &generated.git {
        Some(GitOutcome::Committed) => writeln!(out, "Made a git repository with a first commit.")?,
        Some(GitOutcome::History { tags }) => writeln!(
            out,
            "Made a git repository with one commit per step of the tutorial, tagged {}: `git checkout <tag>` goes back to a step.",
            match (tags.first(), tags.last()) {
                (Some(first), Some(last)) if tags.len() > 1 => format!("{first} to {last}"),
                _ => tags.join(""),
            }
        )?,
        Some(GitOutcome::Skipped(why)) => writeln!(out, "{} no git commit: {why}", p.warn("note:"))?,
        None => {}
    }
    write_next_steps(&plan.stack, &plan.idea, &plan.step, &plan.target, ui, out)?;
    let missing = doctor::problems(&doctor.check(&plan.stack));
    if !missing.is_empty() {
        writeln!(
            out,
            "\n{} this machine lacks tools the {} stack needs ({}); run {} to see how to install them",
            p.warn("note:"),
            plan.stack.name,
            missing.join(", "),
            p.accent(&format!("`backroad doctor --stack {}`", plan.stack.name))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn dry_run(plan: &NewPlan, catalog: &Catalog, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let files = generate::render(plan, catalog)?;
    let sizes: Vec<(String, usize)> = files.iter().map(|f| (f.path.clone(), f.contents.len())).collect();
    write!(out, "{}", tree::render(&plan.target.display().to_string(), &sizes))?;
    writeln!(out, "Dry run: nothing was written.")?;
    if target::inspect(&plan.target)? == Target::NotEmpty {
        let hint = if plan.force {
            "files at the same paths would be replaced"
        } else {
            "without --force, `new` would refuse it"
        };
        writeln!(out, "note: {} exists and is not empty; {hint}", plan.target.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The exact commands to install, seed, run and test, from the stack manifest,
/// as far as the project's step goes: the seed arrives with the front end, and
/// a project part-way through the tutorial is verified up to its step.
pub fn write_next_steps(
    stack: &Stack,
    idea: &Idea,
    step: &Step,
    target: &Path,
    ui: &Ui,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let p = ui.out;
    let comment = |what: &str| p.dim(&format!("# {what}"));
    let last = step == idea.last_step();
    let web = idea.parts_at(step).get("web").copied().unwrap_or(false);
    writeln!(out, "\n{}", p.strong("Next steps:"))?;
    writeln!(out, "  cd {}", shell_quote(&target.display().to_string()))?;
    if !last {
        writeln!(
            out,
            "  {}",
            comment(&format!("read what step {} built: docs/tutorial/{}.md", step.number, step.slug()))
        )?;
    }
    let seed: &[String] = if web { &stack.commands.seed } else { &[] };
    let sections: [(&str, &[String]); 2] =
        [("install the dependencies", &stack.commands.install), ("add demo users and posts", seed)];
    for (what, commands) in sections.into_iter().filter(|(_, commands)| !commands.is_empty()) {
        writeln!(out, "  {}", comment(what))?;
        for c in commands {
            writeln!(out, "  {c}")?;
        }
    }
    let url = format!("http://127.0.0.1:{}", stack.port);
    let open = if web { url.clone() } else { format!("{url}/healthz") };
    writeln!(out, "  {}", comment(&format!("run the server, then open {open}")))?;
    writeln!(out, "  {}", stack.commands.run)?;
    writeln!(out, "  {}", comment("in another terminal: run the tests"))?;
    for c in &stack.commands.test {
        writeln!(out, "  {c}")?;
    }
    if last {
        writeln!(out, "  {}", comment("check the server against the shared API contract"))?;
        writeln!(out, "  backroad verify {url} --idea {}", idea.name)?;
    } else {
        writeln!(out, "  {}", comment("check the server against the API contract, up to this step"))?;
        writeln!(out, "  backroad verify {url} --idea {} --step {}", idea.name, step.name)?;
    }
    Ok(())
}

/// Quotes a path for a POSIX shell when it needs it.
fn shell_quote(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(shell_quote("./demo"), "./demo");
        assert_eq!(shell_quote("my dir/demo"), "'my dir/demo'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
