//! Benchmarks print figures and a ratio against a baseline measured in the same
//! run; they never assert on time.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fixtures::python::Venv;
use lab_framework::state::LabDirs;
use lab_framework::{Mode, Verdict, runner};

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::BenchTarget;
use crate::project::Project;

pub fn run(project: &Project, target: BenchTarget, rounds: usize) -> Result<Outcome> {
    match target {
        BenchTarget::Lite => lite(project, rounds.max(1)),
    }
}

fn lite(project: &Project, rounds: usize) -> Result<Outcome> {
    let lab = catalog().find("phase2/lite-quickstart")?;
    let venv = Venv::ensure(project.state.root())?;
    let base = project.state.root().join("bench");
    let dirs = LabDirs { work: base.join("work"), run: base.join("run"), state_root: project.state.root().to_owned() };

    let mut solve = Vec::new();
    let mut fixture_ready = Vec::new();
    let mut by_hand_ready = Vec::new();
    for round in 1..=rounds {
        eprintln!("round {round}/{rounds}");
        // `lab --solve`: setup, the reference solution, the check.
        let started = Instant::now();
        let active = runner::setup(lab, dirs.clone(), Some(venv.clone()), true)?;
        active.run_solution()?;
        let report = active.check()?;
        solve.push(started.elapsed());
        if report.verdict() != Verdict::Pass {
            bail!("the reference solution did not pass:\n{}", report.render_human());
        }
        active.teardown()?;

        // Interleaved so that machine noise hits both sides alike.
        let started = Instant::now();
        let spec = fixtures::Spec {
            mode: Mode::Lite,
            run_dir: &dirs.run,
            state_root: &dirs.state_root,
            lab_id: lab.meta().id,
            venv: Some(&venv),
            profile: fixtures::images::Profile::Official,
        };
        fixtures::up(&spec)?;
        fixture_ready.push(started.elapsed());
        fixtures::down(&dirs.run)?;
        by_hand_ready.push(start_by_hand(&venv, &base.join("by-hand"))?);
    }

    println!("bench lite ({rounds} rounds)            min      median   max");
    print_row("lab --solve to check result", &solve);
    print_row("Lite fixture time-to-ready", &fixture_ready);
    print_row("Lite by hand time-to-ready", &by_hand_ready);
    let ratio = median(&fixture_ready).as_secs_f64() / median(&by_hand_ready).as_secs_f64();
    println!("ratio fixture / by hand (medians): {ratio:.3} (target: under 1.10)");
    Ok(Outcome::Success)
}

/// The baseline: what a person does by hand, `python -m milvus_lite server ...`,
/// then a client call as soon as the port answers.
fn start_by_hand(venv: &Venv, dir: &std::path::Path) -> Result<Duration> {
    let data = dir.join("data");
    lab_framework::state::remove_dir_if_exists(dir)?;
    std::fs::create_dir_all(&data).with_context(|| format!("cannot create {}", data.display()))?;
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port();
    let started = Instant::now();
    let mut child = Command::new(venv.python())
        .args(["-m", "milvus_lite", "server", "--host", "127.0.0.1", "--port", &port.to_string(), "--data-dir"])
        .arg(&data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start milvus_lite by hand")?;
    let uri = format!("http://127.0.0.1:{port}");
    let address = (Ipv4Addr::LOCALHOST, port).into();
    let elapsed = loop {
        if TcpStream::connect_timeout(&address, Duration::from_millis(20)).is_ok() && probes_ok(&uri) {
            break started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            bail!("the hand-started server did not answer within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().context("cannot stop the hand-started server")?;
    child.wait().context("cannot reap the hand-started server")?;
    lab_framework::state::remove_dir_if_exists(dir)?;
    Ok(elapsed)
}

fn probes_ok(uri: &str) -> bool {
    lab_framework::probes::Milvus::connect(uri).is_ok()
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn print_row(name: &str, samples: &[Duration]) {
    let min = samples.iter().min().copied().unwrap_or_default();
    let max = samples.iter().max().copied().unwrap_or_default();
    println!(
        "{name:<34} {:>7.3}s {:>7.3}s {:>7.3}s",
        min.as_secs_f64(),
        median(samples).as_secs_f64(),
        max.as_secs_f64()
    );
}
