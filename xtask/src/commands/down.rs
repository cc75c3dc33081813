use anyhow::Result;
use fixtures::FixtureHandle;

use super::display_path;
use crate::Outcome;
use crate::project::Project;

/// Tears down every fixture recorded in the state folder (the learner's and verify's).
pub fn run(project: &Project) -> Result<Outcome> {
    let mut stopped = 0;
    for run_dir in project.state.run_dirs()? {
        if let Some(handle) = FixtureHandle::load(&run_dir)? {
            fixtures::down(&run_dir)?;
            outln!("Stopped {} ({} at {})", display_path(&run_dir), handle.mode, handle.endpoints.milvus_uri);
            stopped += 1;
        }
    }
    if stopped == 0 {
        outln!("Nothing is running.");
    }
    Ok(Outcome::Success)
}
