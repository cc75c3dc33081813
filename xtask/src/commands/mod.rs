mod bench;
mod book;
mod check;
mod config;
mod dashboard;
mod doctor;
mod down;
mod env;
mod gc;
mod hint;
mod images;
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
        Command::List { format } => list::run(&project, format),
        Command::Lab { target, solve } => lab::run(&project, &target, solve),
        Command::Check { lab } => check::run(&project, lab.as_deref()),
        Command::Hint { lab } => hint::run(&project, lab.as_deref()),
        Command::Reset { lab } => reset::run(&project, &lab),
        Command::Env { lab } => env::run(&project, lab.as_deref()),
        Command::Dashboard { panels, minutes } => dashboard::run(&project, panels, minutes),
        Command::Down => down::run(&project),
        Command::Gc => gc::run(&project),
        Command::Images { command } => images::run(&project, command),
        Command::VerifyAll(args) => verify_all::run(&project, &args),
        Command::Doctor => doctor::run(&project),
        Command::Config { command } => config::run(&project, command),
        Command::Book { serve, port } => book::run(&project, serve, port),
        Command::Test { require_all } => test::run(&project, require_all),
        Command::Bench { target, labs, jobs, rounds } => bench::run(&project, target, &labs, jobs, rounds),
    }
}

/// The lab named on the command line, or the one `lab` started last.
fn named_or_current(project: &Project, catalog: &Catalog, name: Option<&str>) -> Result<&'static dyn Lab> {
    let id = match name {
        Some(name) => name.to_owned(),
        None => project.state.current_lab()?.ok_or(lab_framework::runner::NoLabStarted)?,
    };
    Ok(catalog.find(&id)?)
}

/// The lab's page, rendered as the book renders it.
pub(crate) fn lab_text(project: &Project, lab: &dyn Lab) -> Result<lab_framework::page::LabPage> {
    lab_framework::page::load(lab.meta(), &project.root)
}

/// A path as the user can type it: relative to the current folder when inside it.
fn display_path(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string()
}
