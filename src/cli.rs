//! What the user typed: the clap definitions, and nothing that checks them
//! beyond their syntax (`plan` does that).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  backroad new                                     asks for the name, stack and idea
  backroad new chirp --stack flask --idea twitter  asks nothing
  backroad list                                    the stacks and ideas
  backroad doctor --stack flask                    are flask's tools installed?
  backroad verify http://127.0.0.1:5000 --idea twitter
  backroad upgrade --dry-run                       what a newer backroad would change
  backroad tutorial start chirp -s flask -i twitter  write it yourself, step by step

Exit codes: 0 success, 1 failure (a write, a verify check, a missing tool),
2 wrong input, 130 cancelled.";

#[derive(Debug, Parser)]
#[command(name = "backroad", version, about = "Generate practice backend projects that run on the first try")]
#[command(after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Print only errors, and what the command was asked for (a list, JSON, a script).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_name = "WHEN", default_value = "auto", global = true)]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a new project from a stack and an idea (asks for what is missing).
    ///
    /// In a terminal, backroad asks for whatever the flags do not give: the name (checked as you
    /// type), the stack (or answer four questions and get a recommendation), the idea, then shows
    /// a summary to confirm. Ctrl-C at any point writes nothing. Without a terminal it never asks:
    /// a missing choice is an error, unless --yes takes the defaults.
    New(NewArgs),
    /// List the stacks and ideas, with what each teaches.
    List(ListArgs),
    /// Check a running server against the shared API contract.
    Verify(VerifyArgs),
    /// Load-test a server that follows the API: fill it with posts, time every read.
    ///
    /// Makes its own users (b<run>_<n>, the first following half of the others) and posts
    /// through the API of the server at URL, then asks for each list the API serves (the feed,
    /// explore, a deep page of each, a user's posts, followers, following, replies or comments)
    /// for a fixed time from several connections at once, and prints requests per second,
    /// latency quantiles and errors. With --compare it measures at two sizes or more: a p50
    /// ratio near 1 means the read stays as fast as the data grows. What it makes stays on the
    /// server (the project's reset command starts over).
    Bench(BenchArgs),
    /// Bring a project made by an earlier backroad up to this one, keeping your changes.
    ///
    /// Renders the project again with the answers in its .backroad.toml and this backroad's
    /// templates, and merges that into your files with git's three-way merge, whose base is the
    /// render the project was made from (kept under refs/backroad/base). Files you never touched
    /// take the new version, your own changes stay, files you both changed are merged line by
    /// line, with conflict markers where you both changed the same lines. Nothing is committed:
    /// review the result, then `git commit`.
    Upgrade(UpgradeArgs),
    /// Show which tools a stack needs, which are installed, and how to install the rest.
    ///
    /// For each tool a stack needs: the version found or "missing", whether it is new enough,
    /// and the command that installs it on Debian/Ubuntu, macOS and Windows. Exits with 1 when a
    /// tool is missing or too old.
    Doctor(DoctorArgs),
    /// Build a project yourself, step by step, with backroad checking each step.
    ///
    /// `tutorial start` makes a project at the end of a step, with the tests and the chapter of
    /// the next step in place and its code left for you to write. `check` runs the tests and
    /// `backroad verify --step K` against your server; `next` commits the step once it passes.
    /// Stuck? `hint`, `solution --diff`, `skip`.
    Tutorial(TutorialArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  backroad tutorial start chirp -s flask -i twitter   step 1 done, step 2 (users) to write
  cd chirp && backroad tutorial status                the step you are writing, what is left
  backroad tutorial check --watch                     check again on every save
  backroad tutorial hint                              the next hint of the step
  backroad tutorial next                              commit the step, bring the next one")]
pub struct TutorialArgs {
    #[command(subcommand)]
    pub command: TutorialCommand,
}

#[derive(Debug, Subcommand)]
pub enum TutorialCommand {
    /// Make a project at the end of step 1 (or --from K) with the next step to write.
    Start(TutorialStartArgs),
    /// The step you are writing, what it asks for and what the last check found.
    Status(ProjectPath),
    /// Run the tests, start the server, verify it at the step, stop it.
    Check(TutorialCheckArgs),
    /// Commit the step once `check` passes, and bring the next step's tests and chapter.
    Next(ProjectPath),
    /// Show the next hint of the step you are writing.
    Hint(ProjectPath),
    /// Show the reference code of the step you are writing.
    Solution(TutorialSolutionArgs),
    /// Merge the reference code of the step into yours (three-way, with conflict markers).
    Skip(ProjectPath),
}

#[derive(Debug, Args)]
pub struct TutorialStartArgs {
    /// The project's name: letters, digits, '-' and '_', starting with a letter.
    pub name: String,
    /// The stack to build on (see `backroad list`).
    #[arg(long, short)]
    pub stack: String,
    /// The idea to build (see `backroad list`).
    #[arg(long, short)]
    pub idea: String,
    /// The step already done, by number or name: you write the one after it [default: 1].
    #[arg(long, value_name = "K")]
    pub from: Option<String>,
    /// Where to write the project [default: ./NAME].
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ProjectPath {
    /// The project (or any folder inside it) [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TutorialCheckArgs {
    #[command(flatten)]
    pub project: ProjectPath,
    /// Check again each time a file is saved, until Ctrl-C.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, Args)]
pub struct TutorialSolutionArgs {
    #[command(flatten)]
    pub project: ProjectPath,
    /// Show it as a diff against the step's start, not as whole files.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  backroad new                                        asks for everything
  backroad new chirp                                  asks for the stack and the idea
  backroad new chirp --stack flask --idea twitter     asks nothing
  backroad new pics -s flask -i instagram -o ~/code/pics
  backroad new --yes                                  the defaults, without asking
  backroad new chirp -s flask -i twitter --dry-run    the files and sizes, nothing written
  backroad new chirp -s flask -i twitter --step 4     the project as it stands after step 4 (posts)
  backroad new chirp -s flask -i twitter --tutorial   the whole project, one git commit per step")]
pub struct NewArgs {
    /// The project's name: letters, digits, '-' and '_', starting with a letter.
    pub name: Option<String>,
    /// The stack to build on (see `backroad list`).
    #[arg(long, short)]
    pub stack: Option<String>,
    /// The idea to build (see `backroad list`).
    #[arg(long, short)]
    pub idea: Option<String>,
    /// Where to write the project [default: ./NAME].
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Write into a non-empty folder: files the template makes replace those at
    /// the same path (each is listed); nothing else is touched.
    #[arg(long)]
    pub force: bool,
    /// Print the files that would be written, with sizes, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not run `git init` and make a first commit.
    #[arg(long)]
    pub no_git: bool,
    /// Take the defaults for whatever the flags do not give, without asking.
    #[arg(long, short)]
    pub yes: bool,
    /// The tutorial's step to stop at, by number or name (`backroad list` shows
    /// them) [default: the last, the whole project].
    #[arg(long, value_name = "K")]
    pub step: Option<String>,
    /// Build the git history step by step: one commit per step of the tutorial
    /// ("Step K: title"), each tagged step-NN-name, up to --step.
    #[arg(long, conflicts_with = "no_git")]
    pub tutorial: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  backroad list\n  backroad list --json")]
pub struct ListArgs {
    /// Print JSON, with the commands, port and environment of each stack.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  backroad verify http://127.0.0.1:5000 --idea twitter
  backroad verify http://127.0.0.1:5000 --idea twitter --step posts   a project at step 4 (posts)")]
pub struct VerifyArgs {
    /// The server's base URL, e.g. http://127.0.0.1:5000
    pub url: String,
    /// Which idea's API the server implements.
    #[arg(long, short)]
    pub idea: Option<String>,
    /// The tutorial's step the server stands at, by number or name (`backroad
    /// list` shows them): only the parts up to it are checked, and later ones
    /// must answer 404 [default: the last, the whole API].
    #[arg(long, value_name = "K")]
    pub step: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  backroad bench http://127.0.0.1:5000 -i twitter                   5,000 posts, every read 8 s
  backroad bench http://127.0.0.1:5000 -i twitter --compare 5000,50000
  backroad bench http://127.0.0.1:5000 -i twitter --posts 1000 --seconds 2 --json")]
pub struct BenchArgs {
    /// The server's base URL, e.g. http://127.0.0.1:5000 (the only address it talks to)
    pub url: String,
    /// Which idea's API the server implements.
    #[arg(long, short)]
    pub idea: Option<String>,
    /// How many posts of its own to make before measuring [default: 5000]
    #[arg(long, value_name = "N", conflicts_with = "compare")]
    pub posts: Option<u64>,
    /// Measure at each of these numbers of posts, ascending, e.g. 5000,50000
    #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1)]
    pub compare: Vec<u64>,
    /// Requests in flight at once, each on its own connection
    #[arg(long, short, value_name = "C", default_value_t = 16)]
    pub connections: usize,
    /// How long each read runs, in seconds
    #[arg(long, value_name = "S", default_value_t = 8)]
    pub seconds: u64,
    /// How many users to make
    #[arg(long, value_name = "U", default_value_t = 50)]
    pub users: usize,
    /// Which page of the feed and explore is the deep one (at most as deep as the
    /// first size has)
    #[arg(long, value_name = "P", default_value_t = 51)]
    pub page: u32,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  backroad upgrade --dry-run    what would change, writing nothing
  backroad upgrade              merge the new render into the project, then review and commit
  backroad upgrade --path ~/code/chirp")]
pub struct UpgradeArgs {
    /// The project to upgrade (or any folder inside it) [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// List what would change (new, updated, merged, conflicting, removed) and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  backroad doctor --stack flask\n  backroad doctor   every stack\n  backroad doctor --json   for scripts: each tool's program, version and install commands"
)]
pub struct DoctorArgs {
    /// Check only this stack's tools [default: every stack].
    #[arg(long, short)]
    pub stack: Option<String>,
    /// Print the report as JSON: for each stack, each tool with its status, the
    /// program found, its version and the commands that install it.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Install them:
  bash        backroad completions bash > ~/.local/share/bash-completion/completions/backroad
  zsh         backroad completions zsh > ~/.zfunc/_backroad   (and fpath+=~/.zfunc in ~/.zshrc)
  fish        backroad completions fish > ~/.config/fish/completions/backroad.fish
  powershell  backroad completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    pub shell: clap_complete::Shell,
}
