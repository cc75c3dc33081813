use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use fixtures::MissingRequirement;
use lab_framework::runner::{self, Trial, TrialOutcome, VerifyOutcome, VerifyResult};
use lab_framework::schedule::{self, Durations, Plan, Task};
use lab_framework::{Lab, Mode, Weight, requirements};
use serde::Serialize;

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::{Format, ModeArg, VerifyAllArgs};
use crate::project::Project;

pub fn run(project: &Project, args: &VerifyAllArgs) -> Result<Outcome> {
    let labs = select(args)?;
    // Snapshot mismatches arrive as panics from insta, which already printed the
    // diff; report every panic in one line instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        errln!("panic{location}: {}", lab_framework::runner::panic_message(info.payload()));
    }));
    let plan = plan(args.jobs, &labs);
    errln!(
        "verify-all: {} labs, up to {} trials at once ({}), memory budget {} MiB",
        labs.len(),
        plan.jobs,
        plan.reason,
        plan.memory_budget_mib
    );
    let run = verify_labs(project, &labs, &plan)?;
    let summary = Summary::of(&run, args.require_all);
    match args.format {
        Format::Human => out!("{}", render_human(&run, &summary, args.require_all)),
        Format::Json => outln!("{}", render_json(&run, &summary)?),
        Format::Junit => outln!("{}", render_junit(&run, args.require_all)?),
    }
    // The closing line CI reads, on stderr for machine formats so stdout stays parseable.
    let mut closing =
        format!("verify-all: {} passed, {} failed, {} skipped", summary.passed, summary.failed, summary.skipped);
    if summary.unavailable > 0 {
        let profile = fixtures::images::Profile::from_env().map(|p| p.to_string()).unwrap_or_default();
        closing.push_str(&format!(", {} unavailable in the {profile} image profile", summary.unavailable));
    }
    if args.format == Format::Human {
        outln!("{closing}");
    } else {
        errln!("{closing}");
    }
    Ok(if summary.failed == 0 { Outcome::Success } else { Outcome::Failed })
}

/// The labs the arguments name: all, or those of the ids, phase and mode given.
pub(crate) fn select(args: &VerifyAllArgs) -> Result<Vec<&'static dyn Lab>> {
    let mode = args.mode.map(|m| match m {
        ModeArg::Lite => Mode::Lite,
        ModeArg::Standalone => Mode::Standalone,
        ModeArg::Compose => Mode::Compose,
        ModeArg::Cluster => Mode::Cluster,
    });
    let mut labs = catalog().select(args.phase, mode);
    if !args.labs.is_empty() {
        let mut named = Vec::new();
        for target in &args.labs {
            named.extend(catalog().resolve(target)?);
        }
        labs.retain(|lab| named.iter().any(|n| n.meta().id == lab.meta().id));
    }
    if labs.is_empty() {
        anyhow::bail!("no lab matches the given labs, --phase and --mode");
    }
    Ok(labs)
}

/// `--jobs`, or the default for this machine and the heaviest of `labs`.
pub(crate) fn plan(jobs: Option<u16>, labs: &[&'static dyn Lab]) -> Plan {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // Without /proc/meminfo, assume a small machine: a budget for a few stacks.
    let available = requirements::available_memory_mib().unwrap_or(4096);
    match jobs {
        Some(jobs) => Plan::with_jobs(usize::from(jobs), available),
        None => {
            let heaviest = labs.iter().map(|lab| lab.meta().weight).max_by_key(|w| w.mib()).unwrap_or(Weight::LITE);
            Plan::for_machine(cores, available, heaviest)
        }
    }
}

/// Every lab's outcome, and how the run as a whole went.
pub(crate) struct Run {
    pub outcomes: Vec<VerifyOutcome>,
    pub started: Instant,
    pub wall: Duration,
    pub jobs: usize,
}

impl Run {
    /// The trials' times summed: the run one trial at a time.
    pub(crate) fn work(&self) -> Duration {
        self.outcomes.iter().map(VerifyOutcome::work).sum()
    }

    /// Work over wall: how many trials ran at once, on average.
    pub(crate) fn efficiency(&self) -> f64 {
        self.work().as_secs_f64() / self.wall.as_secs_f64().max(0.001)
    }
}

/// Verifies `labs`: each lab's trials (its solution, and each wrong answer
/// that needs a fresh setup) run on deployments of their own, up to
/// `plan.jobs` at a time, longest first.
pub(crate) fn verify_labs(project: &Project, labs: &[&'static dyn Lab], plan: &Plan) -> Result<Run> {
    let started = Instant::now();
    let mut not_run = Vec::new();
    // (index in `labs`, lab) of the labs whose trials run.
    let mut runnable = Vec::new();
    for (index, lab) in labs.iter().enumerate() {
        match runner::not_verifiable(*lab) {
            Some(result) => not_run.push(VerifyOutcome::not_run(lab.meta().id, result)),
            None => runnable.push((index, *lab)),
        }
    }
    // Prepared once, before any job runs, and only for labs that will run: a
    // machine without Docker is told so without first waiting for an install.
    let running: Vec<&'static dyn Lab> = runnable.iter().map(|(_, lab)| *lab).collect();
    let venv = match runner::venv_for(&project.state, &running) {
        Ok(venv) => venv,
        Err(error) if error.downcast_ref::<MissingRequirement>().is_some() => None,
        Err(error) => return Err(error).context("preparing the Python venv for verify-all"),
    };
    let mut durations = Durations::load(project.state.root());
    let mut tasks = Vec::new();
    for (index, lab) in runnable {
        let meta = lab.meta();
        for trial in Trial::all_of(lab)? {
            let estimate = durations.estimate(meta.id, &trial.name(), meta.mode);
            tasks.push(Task { group: index, weight: meta.weight, estimate, work: (index, trial) });
        }
    }
    let trials = schedule::run(plan, &tasks, |(index, trial)| {
        let lab = labs[*index];
        let id = lab.meta().id;
        let name = trial.name();
        errln!("  start {id} {name}");
        let outcome = runner::verify_trial(lab, trial, project.state.verify_dirs(id, &name), venv.clone());
        let verdict = if outcome.result == VerifyResult::Passed { "ok" } else { "FAILED" };
        errln!("  {verdict:>6} {id} {name} ({})", seconds(outcome.elapsed));
        outcome
    });
    let mut by_lab: Vec<Vec<TrialOutcome>> = labs.iter().map(|_| Vec::new()).collect();
    for (task, outcome) in tasks.iter().zip(trials) {
        durations.record(labs[task.work.0].meta().id, &outcome.trial, outcome.elapsed);
        by_lab[task.work.0].push(outcome);
    }
    durations.save()?;
    let mut outcomes = Vec::new();
    for (lab, trials) in labs.iter().zip(by_lab) {
        let id = lab.meta().id;
        match not_run.iter().position(|o| o.lab == id) {
            Some(position) => outcomes.push(not_run.remove(position)),
            None => outcomes.push(VerifyOutcome::of_trials(id, trials)),
        }
    }
    Ok(Run { outcomes, started, wall: started.elapsed(), jobs: plan.jobs })
}

#[derive(Serialize)]
pub(crate) struct Summary {
    passed: usize,
    failed: usize,
    skipped: usize,
    unavailable: usize,
    jobs: usize,
    wall_ms: u128,
    /// The trials' times summed: the run one trial at a time.
    work_ms: u128,
    /// work / wall.
    parallel_efficiency: f64,
    waiting_ms: u128,
    doing_ms: u128,
}

impl Summary {
    pub(crate) fn of(run: &Run, require_all: bool) -> Summary {
        let mut summary = Summary {
            passed: 0,
            failed: 0,
            skipped: 0,
            unavailable: 0,
            jobs: run.jobs,
            wall_ms: run.wall.as_millis(),
            work_ms: run.work().as_millis(),
            parallel_efficiency: run.efficiency(),
            waiting_ms: 0,
            doing_ms: 0,
        };
        for outcome in &run.outcomes {
            match &outcome.result {
                VerifyResult::Passed => summary.passed += 1,
                VerifyResult::Failed(_) => summary.failed += 1,
                VerifyResult::Skipped(_) if require_all => summary.failed += 1,
                VerifyResult::Skipped(_) => summary.skipped += 1,
                VerifyResult::Unavailable(_) => summary.unavailable += 1,
            }
            for step in outcome.trials.iter().flat_map(|t| &t.steps) {
                summary.waiting_ms += step.waiting().as_millis();
                summary.doing_ms += (step.elapsed - step.waiting()).as_millis();
            }
        }
        summary
    }
}

fn label(result: &VerifyResult, require_all: bool) -> &'static str {
    match result {
        VerifyResult::Passed => "PASS",
        VerifyResult::Failed(_) => "FAIL",
        VerifyResult::Skipped(_) if require_all => "FAIL (skipped under --require-all)",
        VerifyResult::Skipped(_) => "SKIP",
        VerifyResult::Unavailable(_) => "N/A (unavailable in this image profile)",
    }
}

pub(crate) fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

/// How many of the slowest steps the human report lists.
const SLOWEST: usize = 8;

fn render_human(run: &Run, summary: &Summary, require_all: bool) -> String {
    let mut out = format!("\n{:<28} {:<6} {:>8} {:>8} {:>7}  {}\n", "lab", "result", "time", "work", "trials", "steps");
    for outcome in &run.outcomes {
        let steps = outcome.trials.iter().flat_map(|t| &t.steps);
        let ok = steps.clone().filter(|s| s.ok).count();
        out.push_str(&format!(
            "{:<28} {:<6} {:>8} {:>8} {:>7}  {ok}/{} ok\n",
            outcome.lab,
            label(&outcome.result, require_all).split(' ').next().unwrap_or_default(),
            seconds(outcome.elapsed),
            seconds(outcome.work()),
            outcome.trials.len(),
            steps.count()
        ));
    }
    out.push_str(&format!(
        "\nslowest steps (of {} trials):\n",
        run.outcomes.iter().map(|o| o.trials.len()).sum::<usize>()
    ));
    for (lab, trial, step) in slowest_steps(run, SLOWEST) {
        let parts: Vec<String> = step.parts.iter().map(|p| format!("{} {}", p.name, seconds(p.elapsed))).collect();
        let parts = if parts.is_empty() { String::new() } else { format!("  [{}]", parts.join(", ")) };
        out.push_str(&format!("  {:>8}  {lab} {trial}: {}{parts}\n", seconds(step.elapsed), step.name));
    }
    out.push_str(&format!(
        "\ntime: {} wall with up to {} trials at once; {} of work ({} waiting on containers and Milvus, {} doing); \
         parallel efficiency {:.2}\n\n",
        seconds(Duration::from_millis(summary.wall_ms as u64)),
        summary.jobs,
        seconds(Duration::from_millis(summary.work_ms as u64)),
        seconds(Duration::from_millis(summary.waiting_ms as u64)),
        seconds(Duration::from_millis(summary.doing_ms as u64)),
        summary.parallel_efficiency
    ));
    // Why a lab did not pass comes last, a failure's reason after its steps:
    // a log cut to its head and tail keeps it.
    let not_passed = run.outcomes.iter().filter(|o| !matches!(o.result, VerifyResult::Passed));
    let (failed, others): (Vec<_>, Vec<_>) = not_passed.partition(|o| matches!(o.result, VerifyResult::Failed(_)));
    for outcome in others.into_iter().chain(failed) {
        let heading = match &outcome.result {
            VerifyResult::Skipped(reason) => format!("\n{} skipped: {reason}\n", outcome.lab),
            VerifyResult::Unavailable(reason) => format!("\n{} unavailable: {reason}\n", outcome.lab),
            _ => format!("\n{}:\n", outcome.lab),
        };
        out.push_str(&heading);
        for trial in &outcome.trials {
            out.push_str(&format!("  {}:\n", trial.trial));
            for step in &trial.steps {
                let mark = if step.ok { "✓" } else { "✗" };
                // A failed step's detail is the reason below; a check that had to fail names what it failed on.
                let detail =
                    if step.ok && !step.detail.is_empty() { format!(": {}", step.detail) } else { String::new() };
                out.push_str(&format!("    {mark} {} ({}){detail}\n", step.name, seconds(step.elapsed)));
            }
        }
        if let VerifyResult::Failed(reason) = &outcome.result {
            out.push_str(&format!("{} failed:\n  {}\n", outcome.lab, reason.replace('\n', "\n  ")));
        }
    }
    out
}

/// The `count` slowest steps of the run: (lab, trial, step).
fn slowest_steps(run: &Run, count: usize) -> Vec<(&str, &str, &runner::Step)> {
    let mut steps: Vec<(&str, &str, &runner::Step)> = run
        .outcomes
        .iter()
        .flat_map(|o| o.trials.iter().flat_map(move |t| t.steps.iter().map(move |s| (o.lab, t.trial.as_str(), s))))
        .collect();
    steps.sort_by_key(|step| std::cmp::Reverse(step.2.elapsed));
    steps.truncate(count);
    steps
}

#[derive(Serialize)]
struct JsonLab<'a> {
    lab: &'a str,
    result: &'a str,
    reason: Option<&'a str>,
    elapsed_ms: u128,
    work_ms: u128,
    trials: Vec<JsonTrial<'a>>,
}

#[derive(Serialize)]
struct JsonTrial<'a> {
    trial: &'a str,
    result: &'a str,
    /// When it started, from the run's start: trials of a run overlap.
    started_ms: u128,
    elapsed_ms: u128,
    steps: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    name: &'a str,
    ok: bool,
    elapsed_ms: u128,
    waiting_ms: u128,
    detail: &'a str,
    parts: Vec<JsonPart<'a>>,
}

#[derive(Serialize)]
struct JsonPart<'a> {
    name: &'a str,
    kind: fixtures::timing::Kind,
    elapsed_ms: u128,
}

fn result_and_reason(result: &VerifyResult) -> (&'static str, Option<&str>) {
    match result {
        VerifyResult::Passed => ("passed", None),
        VerifyResult::Failed(r) => ("failed", Some(r.as_str())),
        VerifyResult::Skipped(r) => ("skipped", Some(r.as_str())),
        VerifyResult::Unavailable(r) => ("unavailable", Some(r.as_str())),
    }
}

fn render_json(run: &Run, summary: &Summary) -> Result<String> {
    let labs: Vec<JsonLab> = run
        .outcomes
        .iter()
        .map(|o| {
            let (result, reason) = result_and_reason(&o.result);
            let trials = o
                .trials
                .iter()
                .map(|t| JsonTrial {
                    trial: &t.trial,
                    result: result_and_reason(&t.result).0,
                    started_ms: t.started.saturating_duration_since(run.started).as_millis(),
                    elapsed_ms: t.elapsed.as_millis(),
                    steps: t
                        .steps
                        .iter()
                        .map(|s| JsonStep {
                            name: &s.name,
                            ok: s.ok,
                            elapsed_ms: s.elapsed.as_millis(),
                            waiting_ms: s.waiting().as_millis(),
                            detail: &s.detail,
                            parts: s
                                .parts
                                .iter()
                                .map(|p| JsonPart { name: &p.name, kind: p.kind, elapsed_ms: p.elapsed.as_millis() })
                                .collect(),
                        })
                        .collect(),
                })
                .collect();
            JsonLab {
                lab: o.lab,
                result,
                reason,
                elapsed_ms: o.elapsed.as_millis(),
                work_ms: o.work().as_millis(),
                trials,
            }
        })
        .collect();
    let document = serde_json::json!({ "labs": labs, "summary": summary });
    Ok(serde_json::to_string_pretty(&document)?)
}

/// One test suite per lab, one test case per step of each trial (named
/// `<trial>: <step>`, with its time); a lab that did not run has one case
/// saying why.
fn render_junit(run: &Run, require_all: bool) -> Result<String> {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut report = Report::new("milvus-labs verify-all");
    for outcome in &run.outcomes {
        let mut suite = TestSuite::new(outcome.lab);
        suite.set_time(outcome.elapsed);
        let not_run = match &outcome.result {
            VerifyResult::Skipped(reason) if require_all => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(format!("skipped under --require-all: {reason}"));
                Some(status)
            }
            VerifyResult::Skipped(reason) => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(reason.clone());
                Some(status)
            }
            VerifyResult::Unavailable(reason) => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(format!("unavailable in this image profile: {reason}"));
                Some(status)
            }
            _ => None,
        };
        if let Some(status) = not_run {
            suite.add_test_case(TestCase::new("verify", status));
        }
        for trial in &outcome.trials {
            for step in &trial.steps {
                let status = if step.ok {
                    TestCaseStatus::success()
                } else {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(step.detail.clone());
                    status
                };
                let mut case = TestCase::new(format!("{}: {}", trial.trial, step.name), status);
                case.set_time(step.elapsed);
                suite.add_test_case(case);
            }
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trial(name: &str, ok: bool) -> TrialOutcome {
        let step = runner::Step {
            name: "check passes after the solution".to_owned(),
            ok,
            detail: String::new(),
            elapsed: Duration::from_secs(3),
            parts: Vec::new(),
        };
        let result = if ok { VerifyResult::Passed } else { VerifyResult::Failed("the check failed".to_owned()) };
        TrialOutcome {
            trial: name.to_owned(),
            result,
            steps: vec![step],
            started: Instant::now(),
            elapsed: Duration::from_secs(3),
        }
    }

    /// CI logs are cut to their head and tail: the reason a lab failed must be
    /// in the tail, after the tables and after labs that were only unavailable.
    #[test]
    fn a_failure_reason_ends_the_human_report() {
        let failed = VerifyOutcome::of_trials("phase6/rolling-restart", vec![trial("solution", false)]);
        let outcomes = vec![
            failed,
            VerifyOutcome::not_run("phase3/mq-kafka", VerifyResult::Unavailable("no Kafka image".to_owned())),
            VerifyOutcome::of_trials("phase1/map-instance", vec![trial("solution", true)]),
        ];
        let run = Run { outcomes, started: Instant::now(), wall: Duration::from_secs(3), jobs: 1 };
        let report = render_human(&run, &Summary::of(&run, false), false);
        let tail = report.trim_end().rsplit_once("\n\n").map(|(_, tail)| tail).unwrap_or_default();
        assert!(tail.starts_with("phase6/rolling-restart:\n  solution:\n    ✗ check passes"), "{report}");
        assert!(tail.ends_with("phase6/rolling-restart failed:\n  solution: the check failed"), "{report}");
        assert!(report.find("unavailable: no Kafka image") < report.find("rolling-restart failed"), "{report}");
    }
}
