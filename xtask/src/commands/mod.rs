mod bench;
mod check;
mod doctor;
mod down;
mod env;
mod hint;
mod lab;
mod list;
mod reset;
mod test;
mod verify_all;

use anyhow::Result;
use lab_framework::Lab;
use lab_framework::catalog::Catalog;

use crate::Outcome;
use crate::cli::Command;
use crate::project::Project;

pub fn run(command: Command) -> Result<Outcome> {
    let project = Project::current();
    match command {
        Command::List => list::run(&project),
        Command::Lab { target, solve } => lab::run(&project, &target, solve),
        Command::Check { lab } => check::run(&project, lab.as_deref()),
        Command::Hint { lab } => hint::run(&project, lab.as_deref()),
        Command::Reset { lab } => reset::run(&project, &lab),
        Command::Env { lab } => env::run(&project, lab.as_deref()),
        Command::Down => down::run(&project),
        Command::VerifyAll(args) => verify_all::run(&project, &args),
        Command::Doctor => doctor::run(&project),
        Command::Test { require_all } => test::run(&project, require_all),
        Command::Bench { target, rounds } => bench::run(&project, target, rounds),
    }
}

/// The lab named on the command line, or the one `lab` started last.
fn named_or_current(project: &Project, catalog: &Catalog, name: Option<&str>) -> Result<&'static dyn Lab> {
    let id = match name {
        Some(name) => name.to_owned(),
        None => project
            .state
            .current_lab()?
            .ok_or_else(|| anyhow::anyhow!("no lab is started yet; start one with `cargo xtask lab phase2/lite-quickstart`"))?,
    };
    Ok(catalog.find(&id)?)
}

/// The lab's text from `content/`, split into the task and its hints.
pub(crate) struct LabText {
    pub task: String,
    pub hints: String,
}

pub(crate) fn lab_text(project: &Project, lab: &dyn Lab) -> Result<LabText> {
    use anyhow::Context;
    let path = lab.meta().content_file(&project.root);
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read the lab text {}", path.display()))?;
    let (task, hints) = match text.split_once("\n## Hints\n") {
        Some((task, hints)) => (task.trim_end().to_owned(), hints.trim().to_owned()),
        None => (text.trim_end().to_owned(), String::new()),
    };
    Ok(LabText { task, hints })
}

/// A path as the user can type it: relative to the current folder when inside it.
fn display_path(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string()
}
