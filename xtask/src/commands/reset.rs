use anyhow::{Context, Result};
use lab_framework::runner;
use lab_framework::state::remove_dir_if_exists;

use super::display_path;
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

/// Restores the starting state; the learner's previous folder is kept as `<folder>.bak`.
pub fn run(project: &Project, id: &str) -> Result<Outcome> {
    let lab = catalog().find(id)?;
    let dirs = project.state.learner_dirs(id);
    fixtures::down(&dirs.run)?;
    if dirs.work.exists() {
        let backup = dirs.work.with_extension("bak");
        remove_dir_if_exists(&backup)?;
        std::fs::rename(&dirs.work, &backup)
            .with_context(|| format!("cannot move {} to {}", dirs.work.display(), backup.display()))?;
        outln!("Your previous folder is kept at {}", display_path(&backup));
    }
    let venv = runner::venv_for(&project.state, &[lab])?;
    let active = runner::setup(lab, dirs, venv, true)?;
    project.state.set_current_lab(id)?;
    outln!("{id} is back at its starting state: {}", active.ctx.fixture.endpoints.milvus_uri);
    outln!("Next: eval \"$(cargo xtask env)\" and start the task again; `cargo xtask check` when done.");
    active.keep();
    Ok(Outcome::Success)
}
