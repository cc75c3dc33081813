use anyhow::Result;
use fixtures::FixtureHandle;

use super::display_path;
use crate::Outcome;
use crate::project::Project;

/// Tears down every fixture recorded in the state folder (the learner's and
/// verify's), then says what this workspace still has in Docker: objects no
/// record names (a run folder lost after a SIGKILL) are for `gc`. A Ctrl-C
/// does not stop it halfway (main.rs lets it finish).
pub fn run(project: &Project) -> Result<Outcome> {
    let mut stopped = 0;
    for run_dir in project.state.run_dirs()? {
        if let Some(handle) = FixtureHandle::load(&run_dir)? {
            fixtures::down(&run_dir)?;
            outln!("Stopped {} ({} at {})", display_path(&run_dir), handle.mode, handle.endpoints.milvus_uri);
            stopped += 1;
        }
    }
    // Without a daemon nothing of ours runs in Docker.
    let left = fixtures::leftovers(project.state.root()).unwrap_or_default();
    match (stopped, left.is_empty()) {
        (0, true) => outln!("Nothing is running."),
        (_, true) => {}
        (_, false) => {
            outln!("Still there, labelled as this workspace's but recorded by no lab:");
            for object in &left {
                outln!("  {object}");
            }
            outln!("Remove them with `cargo xtask gc`.");
        }
    }
    Ok(Outcome::Success)
}
