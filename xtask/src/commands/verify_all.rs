use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use fixtures::MissingRequirement;
use lab_framework::runner::{self, VerifyOutcome, VerifyResult};
use lab_framework::{Lab, Mode};
use serde::Serialize;

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::{Format, ModeArg, VerifyAllArgs};
use crate::project::Project;

pub fn run(project: &Project, args: &VerifyAllArgs) -> Result<Outcome> {
    let mode = args.mode.map(|m| match m {
        ModeArg::Lite => Mode::Lite,
        ModeArg::Standalone => Mode::Standalone,
        ModeArg::Compose => Mode::Compose,
    });
    let mut labs = catalog().select(args.phase, mode);
    if !args.labs.is_empty() {
        let mut named = Vec::new();
        for target in &args.labs {
            named.extend(catalog().resolve(target)?);
        }
        labs.retain(|lab| named.iter().any(|n| n.meta().id == lab.meta().id));
    }
    // Snapshot mismatches arrive as panics from insta, which already printed the
    // diff; report every panic in one line instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("panic{location}: {}", lab_framework::runner::panic_message(info.payload()));
    }));
    if labs.is_empty() {
        anyhow::bail!("no lab matches the given labs, --phase and --mode");
    }
    let outcomes = verify_labs(project, &labs, usize::from(args.jobs))?;
    let summary = Summary::of(&outcomes, args.require_all);
    match args.format {
        Format::Human => print!("{}", render_human(&outcomes, args.require_all)),
        Format::Json => println!("{}", render_json(&outcomes, &summary)?),
        Format::Junit => println!("{}", render_junit(&outcomes, args.require_all)?),
    }
    // The closing line CI reads, on stderr for machine formats so stdout stays parseable.
    let mut closing =
        format!("verify-all: {} passed, {} failed, {} skipped", summary.passed, summary.failed, summary.skipped);
    if summary.unavailable > 0 {
        let profile = fixtures::images::Profile::from_env().map(|p| p.to_string()).unwrap_or_default();
        closing.push_str(&format!(", {} unavailable in the {profile} image profile", summary.unavailable));
    }
    if args.format == Format::Human {
        println!("{closing}");
    } else {
        eprintln!("{closing}");
    }
    Ok(if summary.failed == 0 { Outcome::Success } else { Outcome::Failed })
}

/// Verifies `labs` with up to `jobs` at a time, each in its own state folders.
pub(crate) fn verify_labs(project: &Project, labs: &[&'static dyn Lab], jobs: usize) -> Result<Vec<VerifyOutcome>> {
    // Prepared once, before any job runs; a missing Python is reported per lab as a skip.
    let venv = match runner::venv_for(&project.state, labs) {
        Ok(venv) => venv,
        Err(error) if error.downcast_ref::<MissingRequirement>().is_some() => None,
        Err(error) => return Err(error).context("preparing the Python venv for verify-all"),
    };
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<VerifyOutcome>>> = Mutex::new(vec![None; labs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(labs.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(lab) = labs.get(index) else { break };
                    let id = lab.meta().id;
                    eprintln!("verifying {id} ...");
                    let outcome = runner::verify(*lab, project.state.verify_dirs(id), venv.clone());
                    eprintln!("  {} {id} ({})", label(&outcome.result, false), seconds(outcome.elapsed));
                    results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(outcome);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(results.into_iter().map(|outcome| outcome.expect("every lab was verified")).collect())
}

#[derive(Serialize)]
struct Summary {
    passed: usize,
    failed: usize,
    skipped: usize,
    unavailable: usize,
}

impl Summary {
    fn of(outcomes: &[VerifyOutcome], require_all: bool) -> Summary {
        let mut summary = Summary { passed: 0, failed: 0, skipped: 0, unavailable: 0 };
        for outcome in outcomes {
            match &outcome.result {
                VerifyResult::Passed => summary.passed += 1,
                VerifyResult::Failed(_) => summary.failed += 1,
                VerifyResult::Skipped(_) if require_all => summary.failed += 1,
                VerifyResult::Skipped(_) => summary.skipped += 1,
                VerifyResult::Unavailable(_) => summary.unavailable += 1,
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

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

fn render_human(outcomes: &[VerifyOutcome], require_all: bool) -> String {
    let mut out = format!("\n{:<28} {:<6} {:>8}  {}\n", "lab", "result", "time", "steps");
    for outcome in outcomes {
        let ok = outcome.steps.iter().filter(|s| s.ok).count();
        out.push_str(&format!(
            "{:<28} {:<6} {:>8}  {ok}/{} ok\n",
            outcome.lab,
            label(&outcome.result, require_all).split(' ').next().unwrap_or_default(),
            seconds(outcome.elapsed),
            outcome.steps.len()
        ));
    }
    for outcome in outcomes {
        match &outcome.result {
            VerifyResult::Passed => {}
            VerifyResult::Failed(reason) => {
                out.push_str(&format!("\n{} failed:\n  {}\n", outcome.lab, reason.replace('\n', "\n  ")))
            }
            VerifyResult::Skipped(reason) => out.push_str(&format!("\n{} skipped: {reason}\n", outcome.lab)),
            VerifyResult::Unavailable(reason) => out.push_str(&format!("\n{} unavailable: {reason}\n", outcome.lab)),
        }
        if !matches!(outcome.result, VerifyResult::Passed) {
            for step in &outcome.steps {
                out.push_str(&format!(
                    "    {} {} ({})\n",
                    if step.ok { "✓" } else { "✗" },
                    step.name,
                    seconds(step.elapsed)
                ));
            }
        }
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonLab<'a> {
    lab: &'a str,
    result: &'a str,
    reason: Option<&'a str>,
    elapsed_ms: u128,
    steps: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    name: &'a str,
    ok: bool,
    elapsed_ms: u128,
    detail: &'a str,
}

fn render_json(outcomes: &[VerifyOutcome], summary: &Summary) -> Result<String> {
    let labs: Vec<JsonLab> = outcomes
        .iter()
        .map(|o| {
            let (result, reason) = match &o.result {
                VerifyResult::Passed => ("passed", None),
                VerifyResult::Failed(r) => ("failed", Some(r.as_str())),
                VerifyResult::Skipped(r) => ("skipped", Some(r.as_str())),
                VerifyResult::Unavailable(r) => ("unavailable", Some(r.as_str())),
            };
            let steps = o
                .steps
                .iter()
                .map(|s| JsonStep { name: &s.name, ok: s.ok, elapsed_ms: s.elapsed.as_millis(), detail: &s.detail })
                .collect();
            JsonLab { lab: o.lab, result, reason, elapsed_ms: o.elapsed.as_millis(), steps }
        })
        .collect();
    let document = serde_json::json!({ "labs": labs, "summary": summary });
    Ok(serde_json::to_string_pretty(&document)?)
}

fn render_junit(outcomes: &[VerifyOutcome], require_all: bool) -> Result<String> {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new("verify-all");
    for outcome in outcomes {
        let status = match &outcome.result {
            VerifyResult::Passed => TestCaseStatus::success(),
            VerifyResult::Failed(reason) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(reason.clone());
                status
            }
            VerifyResult::Skipped(reason) if require_all => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(format!("skipped under --require-all: {reason}"));
                status
            }
            VerifyResult::Skipped(reason) => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(reason.clone());
                status
            }
            VerifyResult::Unavailable(reason) => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(format!("unavailable in this image profile: {reason}"));
                status
            }
        };
        let mut case = TestCase::new(outcome.lab, status);
        case.set_time(outcome.elapsed);
        suite.add_test_case(case);
    }
    let mut report = Report::new("milvus-labs");
    report.add_test_suite(suite);
    Ok(report.to_string()?)
}
