//! One lab's life: setup (fixture up, learner's folder, seed), the reference
//! solution, the check and teardown; and verify, which runs a lab's trials.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fixtures::cleanup::{self, Registration};
use fixtures::images::Profile;
use fixtures::python::Venv;
use fixtures::timing::{Kind, Part};
use fixtures::{FixtureHandle, MissingRequirement};

use crate::state::{LabDirs, StateDir, copy_tree, remove_dir_if_exists};
use crate::{CheckReport, Lab, LabContext, Redactions, Requirement, Verdict, requirements};

/// A lab that is not running where the user expected it.
#[derive(Debug)]
pub struct NotRunning(pub String);

impl std::fmt::Display for NotRunning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not running; start it with `cargo xtask lab {}`", self.0, self.0)
    }
}

impl std::error::Error for NotRunning {}

/// A command that works on "the current lab" before any lab was started.
#[derive(Debug)]
pub struct NoLabStarted;

impl std::fmt::Display for NoLabStarted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no lab is started yet; start one with `cargo xtask lab phase2/lite-quickstart`")
    }
}

impl std::error::Error for NoLabStarted {}

/// A lab whose fixture is up. Dropping it tears the fixture down unless it was
/// kept for the learner or attached from an earlier command.
pub struct ActiveLab {
    pub lab: &'static dyn Lab,
    pub dirs: LabDirs,
    pub ctx: LabContext,
    teardown: Option<Registration>,
}

/// The Python venv, if any of `labs` needs it.
pub fn venv_for(state: &StateDir, labs: &[&'static dyn Lab]) -> Result<Option<Venv>> {
    if labs.iter().any(|lab| lab.meta().requirements.contains(&Requirement::Python)) {
        Ok(Some(Venv::ensure(state.root())?))
    } else {
        Ok(None)
    }
}

/// Brings the lab up: fixture, the learner's folder (kept if it exists, unless
/// `fresh`), and the seeded starting state. Safe to run again on a running lab.
pub fn setup(lab: &'static dyn Lab, dirs: LabDirs, venv: Option<Venv>, fresh: bool) -> Result<ActiveLab> {
    let meta = lab.meta();
    let profile = Profile::from_env()?;
    let version = fixtures::version_for(meta.mode, profile)?;
    if !meta.versions.contains(&version) {
        bail!(
            "{} does not support Milvus {version}, which the {} fixture runs with {profile} images",
            meta.id,
            meta.mode
        );
    }
    if let Some(missing) = requirements::missing(meta.requirements).into_iter().next() {
        return Err(missing.into());
    }
    let run_dir = dirs.run.clone();
    let teardown = cleanup::register(move || {
        let _ = fixtures::down(&run_dir);
    });
    let spec = fixtures::Spec {
        mode: meta.mode,
        run_dir: &dirs.run,
        state_root: &dirs.state_root,
        lab_id: meta.id,
        venv: venv.as_ref(),
        profile,
        settings: meta.settings,
    };
    let fixture = match fixtures::up(&spec) {
        Ok(fixture) => fixture,
        Err(error) => {
            teardown.run();
            return Err(error);
        }
    };
    let mut active = ActiveLab {
        lab,
        ctx: LabContext { fixture, work_dir: dirs.work.clone(), run_dir: dirs.run.clone(), venv },
        dirs,
        teardown: Some(teardown),
    };
    // From here on, dropping `active` on an error tears the fixture down.
    if fresh {
        remove_dir_if_exists(&active.dirs.work)?;
    }
    if !active.dirs.work.exists() {
        copy_tree(&meta.exercises_dir(), &active.dirs.work)?;
    }
    fixtures::timing::measure("seed", Kind::Doing, || lab.seed(&mut active.ctx))
        .with_context(|| format!("seeding the starting state of {}", meta.id))?;
    Ok(active)
}

/// Connects to a lab started by an earlier command; it stays up afterwards.
pub fn attach(lab: &'static dyn Lab, dirs: LabDirs, state: &StateDir) -> Result<ActiveLab> {
    let fixture = FixtureHandle::load(&dirs.run)?.ok_or_else(|| NotRunning(lab.meta().id.to_owned()))?;
    let fixture = fixture.refresh(&dirs.run)?;
    let venv = venv_for(state, &[lab])?;
    Ok(ActiveLab {
        lab,
        ctx: LabContext { fixture, work_dir: dirs.work.clone(), run_dir: dirs.run.clone(), venv },
        dirs,
        teardown: None,
    })
}

impl ActiveLab {
    /// Leaves the fixture running for the learner.
    pub fn keep(mut self) {
        if let Some(registration) = self.teardown.take() {
            registration.release();
        }
    }

    pub fn teardown(mut self) -> Result<()> {
        if let Some(registration) = self.teardown.take() {
            registration.release();
        }
        fixtures::down(&self.dirs.run)
    }

    /// Runs the lab's check on the live deployment, whose ports may have moved
    /// since setup if the task restarted a service.
    pub fn check(&mut self) -> Result<CheckReport> {
        self.ctx.fixture = self.ctx.fixture.clone().refresh(&self.dirs.run)?;
        let assertions = self.lab.check(&self.ctx).with_context(|| format!("checking {}", self.lab.meta().id))?;
        Ok(CheckReport::new(self.lab.meta().id, assertions))
    }

    pub fn run_solution(&self) -> Result<()> {
        self.run_script(&self.lab.meta().solutions_dir().join("solve.sh"))
    }

    pub fn run_script(&self, script: &Path) -> Result<()> {
        let name = script.file_stem().and_then(|s| s.to_str()).unwrap_or("script");
        let log = self.dirs.run.join(format!("{name}.log"));
        crate::solution::run_script(script, &self.environment(), &self.dirs.work, &log)
    }

    /// What a learner exports to use the lab's endpoints and Python.
    pub fn environment(&self) -> Vec<(String, String)> {
        let endpoints = &self.ctx.fixture.endpoints;
        let mut env = vec![("MILVUS_URI", endpoints.milvus_uri.clone())];
        if let Some(http) = &endpoints.http {
            env.push(("MILVUS_HTTP", http.clone()));
        }
        if let Some(second) = &endpoints.second_milvus {
            env.push(("MILVUS2_URI", second.clone()));
        }
        if let Some(container) = &self.ctx.fixture.container {
            // For `docker logs` and `docker exec` on the Standalone container.
            env.push(("MILVUS_CONTAINER", container.clone()));
        }
        if let Some(etcd) = &endpoints.etcd {
            env.push(("ETCDCTL_ENDPOINTS", etcd.clone()));
            // An image with etcdctl, so the learner needs nothing installed: the
            // deployment's own, whatever profile this shell would pick. Handles
            // recorded before `etcd_image` existed fall back to their Compose
            // variable.
            let recorded = self.ctx.fixture.etcd_image.clone();
            let image = recorded.or_else(|| self.ctx.fixture.compose_variables.get("ETCD_IMAGE").cloned());
            if let Some(image) = image {
                env.push(("ETCD_IMAGE", image));
            }
        }
        if let Some(object_store) = &endpoints.object_store {
            env.push(("S3_ENDPOINT", object_store.clone()));
            env.push(("AWS_ACCESS_KEY_ID", fixtures::OBJECT_STORE_ACCESS_KEY.to_owned()));
            env.push(("AWS_SECRET_ACCESS_KEY", fixtures::OBJECT_STORE_SECRET_KEY.to_owned()));
        }
        if let Some(prometheus) = &endpoints.prometheus {
            env.push(("PROMETHEUS_URL", prometheus.clone()));
        }
        if let Some(project) = &self.ctx.fixture.compose_project {
            // Plain `docker compose ps`, `logs`, `exec`, `up` then address this
            // lab's stack, with the files, images, labels and settings it was made with.
            env.push(("COMPOSE_PROJECT_NAME", project.clone()));
            let files: Vec<String> = self.ctx.fixture.compose_files.iter().map(|f| f.display().to_string()).collect();
            env.push(("COMPOSE_FILE", files.join(":")));
        }
        env.push(("LAB_WORK_DIR", self.dirs.work.display().to_string()));
        env.extend(self.lab.connection(&self.ctx));
        let mut env: Vec<(String, String)> = env.into_iter().map(|(name, value)| (name.to_owned(), value)).collect();
        // A cluster's nodes each serve their own /metrics: METRICS_QUERYNODE_2
        // for the container `<project>-querynode-2`. Nodes that stopped have none.
        for member in self.ctx.fixture.cluster_members().unwrap_or_default() {
            if let Some(url) = member.metrics {
                env.push((format!("METRICS_{}_{}", member.role.to_uppercase(), member.number), url));
            }
        }
        for (name, value) in &self.ctx.fixture.compose_variables {
            if !env.iter().any(|(known, _)| known == name) {
                env.push((name.clone(), value.clone()));
            }
        }
        if let Some(venv) = &self.ctx.venv {
            let bin = venv.bin_dir().display().to_string();
            let path = std::env::var("PATH").unwrap_or_default();
            // Idempotent, so `eval "$(cargo xtask env)"` can run again in the same shell.
            let rest = path.split(':').filter(|dir| *dir != bin).collect::<Vec<_>>().join(":");
            env.push(("PATH".to_owned(), format!("{bin}:{rest}")));
        }
        env
    }

    /// Setting variables another lab may have exported into the learner's shell
    /// and this deployment does not set: `env` unsets them, so the learner's
    /// own `docker compose` commands see this stack as it was made.
    pub fn foreign_setting_variables(&self) -> Vec<&'static str> {
        if self.ctx.fixture.compose_project.is_none() {
            return Vec::new();
        }
        let own = &self.ctx.fixture.compose_variables;
        fixtures::SETTING_VARIABLES.iter().copied().filter(|name| !own.contains_key(*name)).collect()
    }

    /// Values that vary between runs, for snapshots.
    pub fn redactions(&self) -> Redactions {
        let endpoints = &self.ctx.fixture.endpoints;
        let uri = &endpoints.milvus_uri;
        let port = uri.rsplit(':').next().unwrap_or_default().to_owned();
        Redactions::new()
            .with(uri.clone(), "MILVUS_URI")
            .with(format!("127.0.0.1:{port}"), "MILVUS_ADDRESS")
            .with(endpoints.http.clone().unwrap_or_default(), "MILVUS_HTTP")
            .with(endpoints.second_milvus.clone().unwrap_or_default(), "MILVUS2_URI")
            .with(endpoints.etcd.clone().unwrap_or_default(), "ETCD_ENDPOINT")
            .with(endpoints.object_store.clone().unwrap_or_default(), "S3_ENDPOINT")
            .with(endpoints.prometheus.clone().unwrap_or_default(), "PROMETHEUS_URL")
            .with(self.dirs.work.display().to_string(), "WORK_DIR")
            .with(self.dirs.run.display().to_string(), "RUN_DIR")
    }
}

impl Drop for ActiveLab {
    fn drop(&mut self) {
        if let Some(registration) = self.teardown.take() {
            registration.run();
        }
    }
}

/// How a lab (or one trial of it) fared in verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyResult {
    Passed,
    Failed(String),
    /// A requirement is missing on this machine.
    Skipped(String),
    /// The image profile has no image the lab needs (Kafka offline): not this
    /// machine's fault, and no `--require-all` failure.
    Unavailable(String),
}

/// One timed step of a trial (setup, a check, a script, teardown), with the
/// parts the fixture measured inside it.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    pub ok: bool,
    pub detail: String,
    pub elapsed: Duration,
    pub parts: Vec<Part>,
}

impl Step {
    /// Time the step spent waiting on containers and Milvus; the rest was doing.
    pub fn waiting(&self) -> Duration {
        let waiting: Duration = self.parts.iter().filter(|p| p.kind == Kind::Waiting).map(|p| p.elapsed).sum();
        waiting.min(self.elapsed)
    }
}

/// One independent run of a lab in verify, on a deployment of its own, so a
/// lab's trials can run at the same time instead of resetting one deployment
/// between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trial {
    /// The check fails untouched and after each wrong answer a learner may
    /// try first (`solutions/<slug>/wrong-first-*.sh`), passes after the
    /// reference solution, the passing report matches its snapshot, and the
    /// check fails after each wrong fact (`solutions/<slug>/wrong-fact-*.sh`)
    /// on the solved lab.
    Solution,
    /// The check fails after this wrong answer, one that needs a fresh setup
    /// (`LabMeta::wrong_answers`).
    WrongAnswer(PathBuf),
}

impl Trial {
    /// The lab's trials: its solution, then each wrong answer that needs a
    /// fresh setup, by name.
    pub fn all_of(lab: &dyn Lab) -> Result<Vec<Trial>> {
        let mut trials = vec![Trial::Solution];
        trials.extend(lab.meta().wrong_answers()?.into_iter().map(Trial::WrongAnswer));
        Ok(trials)
    }

    /// `solution`, or the wrong answer's file stem (`wrong-skip-flush`).
    pub fn name(&self) -> String {
        match self {
            Trial::Solution => "solution".to_owned(),
            Trial::WrongAnswer(script) => script_name(script),
        }
    }
}

#[derive(Debug, Clone)]
pub struct TrialOutcome {
    pub trial: String,
    pub result: VerifyResult,
    pub steps: Vec<Step>,
    pub started: Instant,
    pub elapsed: Duration,
}

/// A lab's verdict from its trials.
#[derive(Debug, Clone)]
pub struct VerifyOutcome {
    pub lab: &'static str,
    pub result: VerifyResult,
    pub trials: Vec<TrialOutcome>,
    /// From its first trial's start to its last one's end.
    pub elapsed: Duration,
}

impl VerifyOutcome {
    /// The outcome of a lab that did not run: unavailable or skipped.
    pub fn not_run(lab: &'static str, result: VerifyResult) -> VerifyOutcome {
        VerifyOutcome { lab, result, trials: Vec::new(), elapsed: Duration::ZERO }
    }

    /// Joins a lab's trials: the first failure fails the lab.
    pub fn of_trials(lab: &'static str, mut trials: Vec<TrialOutcome>) -> VerifyOutcome {
        trials.sort_by_key(|t| t.started);
        let result = trials
            .iter()
            .find_map(|t| match &t.result {
                VerifyResult::Passed => None,
                VerifyResult::Failed(reason) => Some(VerifyResult::Failed(format!("{}: {reason}", t.trial))),
                other => Some(other.clone()),
            })
            .unwrap_or(VerifyResult::Passed);
        let first = trials.iter().map(|t| t.started).min();
        let last = trials.iter().map(|t| t.started + t.elapsed).max();
        let elapsed = match (first, last) {
            (Some(first), Some(last)) => last - first,
            _ => Duration::ZERO,
        };
        VerifyOutcome { lab, result, trials, elapsed }
    }

    /// What the lab's trials cost one after another: what verifying it alone,
    /// one trial at a time, would take.
    pub fn work(&self) -> Duration {
        self.trials.iter().map(|t| t.elapsed).sum()
    }
}

/// Why a lab cannot be verified here at all, before any trial starts.
pub fn not_verifiable(lab: &dyn Lab) -> Option<VerifyResult> {
    let requirements = lab.meta().requirements;
    let unavailable = requirements::unavailable_in_profile(requirements);
    if !unavailable.is_empty() {
        return Some(VerifyResult::Unavailable(unavailable.join("; ")));
    }
    let missing: Vec<MissingRequirement> = requirements::missing(requirements);
    if !missing.is_empty() {
        let mut reasons: Vec<String> = Vec::new();
        // Docker's absence makes Compose and every image missing too, each
        // with the same words: say it once.
        for reason in missing.iter().map(|m| format!("{} (fix: {})", m.what, m.fix)) {
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        return Some(VerifyResult::Skipped(reasons.join("; ")));
    }
    None
}

/// Runs one trial on a fresh deployment in `dirs`, and tears it down whatever
/// happens, panics included.
pub fn verify_trial(lab: &'static dyn Lab, trial: &Trial, dirs: LabDirs, venv: Option<Venv>) -> TrialOutcome {
    let started = Instant::now();
    let mut steps = Vec::new();
    let outcome =
        std::panic::catch_unwind(AssertUnwindSafe(|| trial_steps(lab, trial, dirs.clone(), venv, &mut steps)));
    let result = match outcome {
        Ok(Ok(())) => VerifyResult::Passed,
        Ok(Err(error)) => VerifyResult::Failed(format!("{error:#}")),
        Err(panic) => VerifyResult::Failed(format!("panicked: {}", panic_message(&*panic))),
    };
    // The ActiveLab's drop has already torn the fixture down; make sure of it.
    let teardown = timed(&mut steps, "teardown", || fixtures::down(&dirs.run));
    let result = match (result, teardown) {
        (VerifyResult::Passed, Err(error)) => VerifyResult::Failed(format!("{error:#}")),
        (result, _) => result,
    };
    TrialOutcome { trial: trial.name(), result, steps, started, elapsed: started.elapsed() }
}

fn trial_steps(
    lab: &'static dyn Lab,
    trial: &Trial,
    dirs: LabDirs,
    venv: Option<Venv>,
    steps: &mut Vec<Step>,
) -> Result<()> {
    let meta = lab.meta();
    fixtures::timing::take();
    let mut active = timed(steps, "setup", || {
        // Whatever an earlier, interrupted run left in these folders goes first.
        fixtures::down(&dirs.run)?;
        remove_dir_if_exists(&dirs.work)?;
        setup(lab, dirs.clone(), venv.clone(), true)
    })?;
    let script = match trial {
        Trial::WrongAnswer(script) => {
            check_fails_after(&mut active, steps, script, "")?;
            return active.teardown();
        }
        Trial::Solution => meta.solutions_dir().join("solve.sh"),
    };
    let report = timed(steps, "check fails on the untouched setup", || expect(&mut active, Verdict::Fail))?;
    note_failing(steps, &report);
    for first in meta.wrong_first_answers()? {
        check_fails_after(&mut active, steps, &first, "")?;
    }
    timed(steps, "run the reference solution", || active.run_script(&script))?;
    let report = timed(steps, "check passes after the solution", || expect(&mut active, Verdict::Pass))?;
    timed(steps, "report names the assertions its page lists", || {
        let names: Vec<&str> = report.assertions.iter().map(|a| a.name.as_str()).collect();
        if names != meta.assertions {
            bail!("the report's assertions {names:?} differ from LabMeta::assertions {:?}", meta.assertions);
        }
        Ok(())
    })?;
    let fixture = &active.ctx.fixture;
    let header = format!(
        "fixture: {} ({}) at {}\nfolder: {}\n",
        fixture.mode,
        fixture.version,
        fixture.endpoints.milvus_uri,
        active.dirs.work.display()
    );
    let snapshot = active.redactions().apply(&header) + &report.render_snapshot(&active.redactions());
    let name = snapshot_name(meta, fixture.version);
    timed(steps, "report matches its snapshot", || compare_snapshot(meta, &name, &snapshot))?;
    check_wrong_facts(&mut active, steps)?;
    active.teardown()
}

/// Each wrong fact on the solved lab: the check must fail after it, and the
/// learner's folder is put back as the solution left it before the next.
/// A wrong fact only rewrites answer files, so the live state is the
/// solution's throughout; a whole trial per fact would repeat the task.
fn check_wrong_facts(active: &mut ActiveLab, steps: &mut Vec<Step>) -> Result<()> {
    let facts = active.lab.meta().wrong_facts()?;
    if facts.is_empty() {
        return Ok(());
    }
    let solved = active.dirs.run.join("solved-work");
    remove_dir_if_exists(&solved)?;
    copy_tree(&active.dirs.work, &solved)?;
    for script in facts {
        check_fails_after(active, steps, &script, " on the solved lab")?;
        put_back(&solved, &active.dirs.work)?;
    }
    Ok(())
}

/// Runs a wrong answer (`where_` says on what, for the step's name) and
/// requires the check to fail after it.
fn check_fails_after(active: &mut ActiveLab, steps: &mut Vec<Step>, script: &Path, where_: &str) -> Result<()> {
    let name = script_name(script);
    timed(steps, &format!("run {name}{where_}"), || active.run_script(script))?;
    let report = timed(steps, &format!("check fails after {name}"), || expect(active, Verdict::Fail))?;
    note_failing(steps, &report);
    Ok(())
}

/// A solution script's file stem: `wrong-skip-flush`.
fn script_name(script: &Path) -> String {
    script.file_stem().and_then(|s| s.to_str()).unwrap_or("wrong").to_owned()
}

/// Makes `folder` hold what `saved` holds again: changed files are rewritten
/// in place (a container may have one mounted), new ones removed.
fn put_back(saved: &Path, folder: &Path) -> Result<()> {
    for entry in std::fs::read_dir(folder).with_context(|| format!("cannot list {}", folder.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", folder.display()))?;
        let original = saved.join(entry.file_name());
        let is_dir = entry.file_type().with_context(|| format!("cannot stat {}", entry.path().display()))?.is_dir();
        match (is_dir, original.exists()) {
            (true, true) => put_back(&original, &entry.path())?,
            (true, false) => remove_dir_if_exists(&entry.path())?,
            (false, false) => std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?,
            (false, true) => {
                let before = std::fs::read(&original).with_context(|| format!("cannot read {}", original.display()))?;
                if std::fs::read(entry.path()).ok().as_deref() != Some(before.as_slice()) {
                    std::fs::write(entry.path(), before)
                        .with_context(|| format!("cannot write {}", entry.path().display()))?;
                }
            }
        }
    }
    // What the wrong fact removed.
    for entry in std::fs::read_dir(saved).with_context(|| format!("cannot list {}", saved.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", saved.display()))?;
        let target = folder.join(entry.file_name());
        if !target.exists() {
            if entry.path().is_dir() {
                copy_tree(&entry.path(), &target)?;
            } else {
                std::fs::copy(entry.path(), &target)
                    .with_context(|| format!("cannot copy {} to {}", entry.path().display(), target.display()))?;
            }
        }
    }
    Ok(())
}

/// Which assertions a check that had to fail failed on, as the last step's
/// detail: a wrong answer that fails for another reason than its own shows.
fn note_failing(steps: &mut [Step], report: &CheckReport) {
    let failing: Vec<&str> = report.assertions.iter().filter(|a| !a.holds).map(|a| a.name.as_str()).collect();
    if let Some(step) = steps.last_mut() {
        step.detail = format!("fails on: {}", failing.join("; "));
    }
}

fn expect(active: &mut ActiveLab, wanted: Verdict) -> Result<CheckReport> {
    let report = active.check()?;
    if report.verdict() != wanted {
        bail!("expected {wanted}, got:\n{}", report.render_human());
    }
    Ok(report)
}

/// Runs one step and records it, its fixture parts included, also when it
/// panics (a lab's seed or check is someone's code): the panic becomes the
/// step's error.
fn timed<T>(steps: &mut Vec<Step>, name: &str, step: impl FnOnce() -> Result<T>) -> Result<T> {
    let started = Instant::now();
    let result = std::panic::catch_unwind(AssertUnwindSafe(step))
        .unwrap_or_else(|panic| Err(anyhow::anyhow!("panicked: {}", panic_message(&*panic))));
    steps.push(Step {
        name: name.to_owned(),
        ok: result.is_ok(),
        detail: result.as_ref().err().map(|e| format!("{e:#}")).unwrap_or_default(),
        elapsed: started.elapsed(),
        parts: fixtures::timing::take(),
    });
    result.with_context(|| format!("step `{name}`"))
}

/// The snapshot's name: `<slug>`, or `<slug>@<version>` for labs whose report
/// depends on the Milvus version the image profile runs.
pub fn snapshot_name(meta: &crate::LabMeta, version: crate::MilvusVersion) -> String {
    match meta.mode {
        crate::Mode::Lite => meta.slug().to_owned(),
        _ => format!("{}@{version}", meta.slug()),
    }
}

/// Compares with `<crate>/snapshots/<name>.snap` through insta, so maintainers
/// review changes with the usual insta workflow (`.snap.new` files).
fn compare_snapshot(meta: &crate::LabMeta, name: &str, text: &str) -> Result<()> {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(PathBuf::from(meta.crate_dir).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!("check report of {} after its reference solution", meta.id));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name, text));
    }));
    outcome.map_err(|panic| {
        anyhow::anyhow!(
            "the report differs from {}/snapshots/{name}.snap ({}); review the diff above, then accept it with \
             `cargo xtask verify-all --accept` if the change is intended",
            meta.crate_dir,
            panic_message(&*panic)
        )
    })
}

/// The first line of a panic's message.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "unknown panic".into())
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Assertion, LabMeta, MilvusVersion, Mode, Weight};

    /// A Lite lab whose seed either panics (once its fixture is up) or succeeds.
    struct FakeLab {
        meta: &'static LabMeta,
        panics: bool,
    }

    impl Lab for FakeLab {
        fn meta(&self) -> &'static LabMeta {
            self.meta
        }
        fn seed(&self, _: &mut LabContext) -> Result<()> {
            assert!(!self.panics, "the seed panics on purpose");
            Ok(())
        }
        fn check(&self, _: &LabContext) -> Result<Vec<Assertion>> {
            Ok(Vec::new())
        }
    }

    fn fake_lab(root: &Path, id: &'static str, panics: bool) -> &'static dyn Lab {
        let crate_dir: &'static str = Box::leak(root.display().to_string().into_boxed_str());
        let meta = Box::leak(Box::new(LabMeta {
            id,
            title: "fake",
            phase: 2,
            mode: Mode::Lite,
            weight: Weight::LITE,
            minutes: 15,
            components: &[],
            versions: &[MilvusVersion::Lite3_2],
            requirements: &[],
            settings: &[],
            crate_dir,
            assertions: &[],
        }));
        std::fs::create_dir_all(meta.exercises_dir()).unwrap();
        Box::leak(Box::new(FakeLab { meta, panics }))
    }

    /// The repository's venv, if `cargo xtask test` (or a lab) prepared it.
    fn prepared_venv() -> Option<Venv> {
        let state_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.labs");
        if !state_root.join("venv/requirements.installed").exists() {
            assert!(
                std::env::var("MILVUS_LABS_REQUIRE_ALL").unwrap_or_default().is_empty(),
                "the venv is missing; `cargo xtask test` prepares it"
            );
            return None;
        }
        Venv::ensure(&state_root).ok()
    }

    #[test]
    fn a_trial_that_panics_tears_down_only_its_own_deployment() {
        let Some(venv) = prepared_venv() else {
            eprintln!("skipped: no prepared venv (run `cargo xtask test`)");
            return;
        };
        let root = std::env::temp_dir().join(format!("milvus-labs-runner-{}", std::process::id()));
        let state = StateDir::at(root.join("state"));
        let holds = fake_lab(&root, "test/holds", false);
        let panics = fake_lab(&root, "test/panics", true);

        // A neighbour's deployment is up while the other trial panics beside it.
        let neighbour = setup(holds, state.verify_dirs("test/holds", "solution"), Some(venv.clone()), true).unwrap();
        let dirs = state.verify_dirs("test/panics", "solution");
        let outcome = std::thread::scope(|scope| {
            scope.spawn(|| verify_trial(panics, &Trial::Solution, dirs.clone(), Some(venv.clone()))).join().unwrap()
        });

        match &outcome.result {
            VerifyResult::Failed(reason) => assert!(reason.contains("panicked"), "{reason}"),
            other => panic!("expected a failed trial, got {other:?}"),
        }
        let setup = outcome.steps.iter().find(|s| s.name == "setup").expect("a setup step");
        assert!(
            setup.parts.iter().any(|p| p.name == "wait for the first successful call"),
            "the fixture's waits are recorded in the step: {:?}",
            setup.parts
        );
        assert!(outcome.steps.last().is_some_and(|s| s.name == "teardown" && s.ok), "{:?}", outcome.steps);
        assert!(
            FixtureHandle::load(&dirs.run).unwrap().is_none(),
            "the panicking trial's deployment is still recorded"
        );
        assert!(neighbour.ctx.milvus().is_ok(), "the neighbour's Milvus stopped answering");
        assert!(FixtureHandle::load(&neighbour.dirs.run).unwrap().is_some(), "the neighbour's record is gone");
        neighbour.teardown().unwrap();
        std::fs::remove_dir_all(root).unwrap();
    }
}
