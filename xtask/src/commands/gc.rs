use anyhow::Result;
use fixtures::FixtureHandle;

use crate::Outcome;
use crate::project::Project;

/// Tears down the recorded fixtures, then removes whatever Docker still holds
/// with this workspace's label (from a killed CLI, say).
pub fn run(project: &Project) -> Result<Outcome> {
    for run_dir in project.state.run_dirs()? {
        if FixtureHandle::load(&run_dir)?.is_some() {
            fixtures::down(&run_dir)?;
        }
    }
    let removed = fixtures::gc(project.state.root())?;
    if removed.is_empty() {
        outln!("Nothing labelled as this workspace's is left.");
    }
    for line in removed {
        outln!("Removed {line}");
    }
    Ok(Outcome::Success)
}
