use anyhow::{Context, Result};
use lab_framework::Verdict;
use lab_framework::progress::{Progress, Status};
use lab_framework::requirements::Survey;
use lab_framework::runner;

use super::named_or_current;
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

pub fn run(project: &Project, name: Option<&str>) -> Result<Outcome> {
    let catalog = catalog();
    let lab = named_or_current(project, &catalog, name)?;
    let id = lab.meta().id;
    let mut active = runner::attach(lab, project.state.learner_dirs(id), &project.state)?;
    let report =
        active.check().with_context(|| format!("is {id} still running? `cargo xtask lab {id}` starts it again"))?;
    out!("{}", report.render_human());
    if report.verdict() == Verdict::Fail {
        outln!("\nFix what is marked ✗, then run `cargo xtask check` again (`cargo xtask hint` helps).");
        return Ok(Outcome::Failed);
    }
    let mut progress = Progress::load(project.state.root())?;
    progress.record(id, Status::Passed)?;
    let survey = Survey::of(catalog.all().iter().map(|lab| lab.meta()));
    let passed = |lab: &str| progress.status(lab) == Some(Status::Passed);
    match catalog.next_lab(Some(id), passed, |meta| survey.runs(meta)) {
        Some(next) if survey.runs(next.meta()) => outln!("\nWell done. Next: cargo xtask lab {}", next.meta().id),
        Some(next) => outln!(
            "\nWell done. Next: cargo xtask lab {} (`cargo xtask list` shows what this machine needs for it)",
            next.meta().id
        ),
        None => outln!("\nWell done: every lab is passed. `cargo xtask down` stops this lab's environment."),
    }
    Ok(Outcome::Success)
}
