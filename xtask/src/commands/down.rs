use anyhow::Result;
use fixtures::FixtureHandle;
use fixtures::cleanup;

use super::display_path;
use crate::Outcome;
use crate::project::Project;

/// Tears down every fixture recorded in the state folder (the learner's and
/// verify's), then says what this workspace still has in Docker: objects no
/// record names (a run folder lost after a SIGKILL) are for `gc`.
pub fn run(project: &Project) -> Result<Outcome> {
    let mut stopped = 0;
    let run_dirs = project.state.run_dirs()?;
    // All registered first: a Ctrl-C while the first one goes down still
    // finishes every teardown (the handler runs what is registered).
    let registrations: Vec<_> = run_dirs
        .iter()
        .map(|run_dir| {
            let run_dir = run_dir.clone();
            cleanup::register(move || {
                let _ = fixtures::down(&run_dir);
            })
        })
        .collect();
    for (run_dir, registration) in run_dirs.iter().zip(registrations) {
        if let Some(handle) = FixtureHandle::load(run_dir)? {
            let result = fixtures::down(run_dir);
            registration.release();
            result?;
            outln!("Stopped {} ({} at {})", display_path(run_dir), handle.mode, handle.endpoints.milvus_uri);
            stopped += 1;
        } else {
            registration.release();
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
