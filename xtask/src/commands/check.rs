use anyhow::{Context, Result};
use lab_framework::Verdict;
use lab_framework::progress::{Progress, Status};
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
    Progress::load(project.state.root())?.record(id, Status::Passed)?;
    let all = catalog.all();
    let next = all.iter().skip_while(|lab| lab.meta().id != id).nth(1);
    match next {
        Some(next) => outln!("\nWell done. Next: cargo xtask lab {}", next.meta().id),
        None => outln!("\nWell done: that was the last lab. `cargo xtask down` stops its environment."),
    }
    Ok(Outcome::Success)
}
