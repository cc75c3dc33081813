use anyhow::Result;
use lab_framework::progress::{Progress, Status};
use lab_framework::runner::{self, ActiveLab};
use lab_framework::{Lab, Setting, requirements};

use super::{display_path, lab_text};
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

pub fn run(project: &Project, target: &str, solve: bool) -> Result<Outcome> {
    let catalog = catalog();
    let mut progress = Progress::load(project.state.root())?;
    for warning in &progress.warnings {
        errln!("note: {warning}");
    }
    let candidates = catalog.resolve(target)?;
    // A phase starts at its first lab not yet passed.
    let lab = candidates
        .iter()
        .copied()
        .find(|lab| progress.status(lab.meta().id) != Some(Status::Passed))
        .unwrap_or(candidates[0]);
    let meta = lab.meta();
    // Before anything is printed, installed or started: a missing Docker,
    // Python or image is said first, with its fix.
    let mut missing = requirements::missing(meta.requirements).into_iter();
    if let Some(first) = missing.next() {
        for other in missing {
            errln!("{other}");
        }
        return Err(first.into());
    }
    stop_other_labs(project, lab)?;

    let text = lab_text(project, lab)?;
    outln!("{}\n", text.task);

    let venv = runner::venv_for(&project.state, &[lab])?;
    let spinner = spinner(&format!("Starting Milvus ({}) for {}", meta.mode, meta.id));
    let active = runner::setup(lab, project.state.learner_dirs(meta.id), venv, false);
    spinner.finish_and_clear();
    let mut active = active?;
    project.state.set_current_lab(meta.id)?;
    progress.record(meta.id, Status::Started)?;
    print_ready(&active);

    let outcome = if solve { solve_and_check(&mut active, &mut progress)? } else { Outcome::Success };
    active.keep();
    Ok(outcome)
}

fn print_ready(active: &ActiveLab) {
    let fixture = &active.ctx.fixture;
    let work = display_path(&active.dirs.work);
    // An upgrade lab starts on the version before the fixture's.
    let version = match fixture.version.upgrade() {
        Some(upgrade) if active.lab.meta().settings.contains(&Setting::PreviousMilvus) => {
            format!("{}, to upgrade to {}", upgrade.from, fixture.version)
        }
        _ => fixture.version.to_string(),
    };
    outln!("Ready: Milvus {} ({version}) at {}", fixture.mode, fixture.endpoints.milvus_uri);
    match fixture.cluster_members() {
        Ok(members) if !members.is_empty() => {
            outln!("Its processes (`docker compose ps` after `eval \"$(cargo xtask env)\"`):");
            for member in members {
                let health = if member.health.is_empty() { member.state } else { member.health };
                outln!(
                    "  {:<10} {:<40} {:<9} {}",
                    member.role,
                    member.container,
                    health,
                    member.metrics.unwrap_or_default()
                );
            }
        }
        Ok(_) => {}
        Err(error) => errln!("cannot list the cluster's processes: {error:#}"),
    }
    outln!("Your folder: {work}\n");
    outln!("Next:");
    outln!("  eval \"$(cargo xtask env)\"     # MILVUS_URI and the lab's Python on PATH");
    outln!("  cd {work}");
    outln!("  ...do the task above...");
    outln!("  cargo xtask check");
}

fn solve_and_check(active: &mut ActiveLab, progress: &mut Progress) -> Result<Outcome> {
    let spinner = spinner("Running the reference solution");
    let solved = active.run_solution();
    spinner.finish_and_clear();
    solved?;
    let report = active.check()?;
    outln!("\n{}", report.render_human());
    if report.verdict() == lab_framework::Verdict::Pass {
        progress.record(active.lab.meta().id, Status::Passed)?;
        Ok(Outcome::Success)
    } else {
        Ok(Outcome::Failed)
    }
}

/// One lab runs for the learner at a time: starting another stops the rest.
fn stop_other_labs(project: &Project, keep: &dyn Lab) -> Result<()> {
    let keep_dir = project.state.learner_dirs(keep.meta().id).run;
    let learner_runs = project.state.root().join("runs");
    for run_dir in project.state.run_dirs()? {
        if run_dir != keep_dir && run_dir.starts_with(&learner_runs) {
            fixtures::down(&run_dir)?;
            let id = run_dir.strip_prefix(&learner_runs).unwrap_or(&run_dir).display().to_string();
            outln!("Stopped {id} (one lab runs at a time; its folder is kept)");
        }
    }
    Ok(())
}

pub(crate) fn spinner(message: &str) -> indicatif::ProgressBar {
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_style(indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("static template"));
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    spinner
}
