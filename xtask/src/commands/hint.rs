use anyhow::Result;
use lab_framework::runner;

use super::{lab_text, named_or_current};
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

/// The lab's written hints, then the hint of the first assertion that fails now.
pub fn run(project: &Project, name: Option<&str>) -> Result<Outcome> {
    let catalog = catalog();
    let lab = named_or_current(project, &catalog, name)?;
    let text = lab_text(project, lab)?;
    if !text.hints.is_empty() {
        outln!("{}\n", text.hints);
    }
    let id = lab.meta().id;
    match runner::attach(lab, project.state.learner_dirs(id), &project.state) {
        Ok(mut active) => match active.check()?.assertions.into_iter().find(|a| !a.holds) {
            Some(failing) => outln!("Right now `{}` does not hold: {}", failing.name, failing.hint),
            None => outln!("Every assertion holds: run `cargo xtask check`."),
        },
        Err(error) => outln!("({error:#})"),
    }
    Ok(crate::Outcome::Success)
}
