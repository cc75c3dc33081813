//! Benchmarks print figures and a ratio against a baseline measured in the same
//! run; they never assert on time.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fixtures::images::{self, Profile};
use fixtures::python::Venv;
use lab_framework::runner::{self, ActiveLab};
use lab_framework::state::LabDirs;
use lab_framework::{Lab, Mode, Verdict};
use xshell::{Shell, cmd};

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::{BenchTarget, Format, VerifyAllArgs};
use crate::commands::verify_all;
use crate::project::Project;

pub fn run(
    project: &Project,
    target: BenchTarget,
    labs: &[String],
    jobs: Option<u16>,
    rounds: usize,
) -> Result<Outcome> {
    match target {
        BenchTarget::Lite => lite(project, rounds.max(1)),
        BenchTarget::Fixtures => fixtures(project, rounds.max(1)),
        BenchTarget::Verify => verify(project, labs, jobs),
        BenchTarget::Idle => idle(project, rounds.max(1)),
        BenchTarget::Kubernetes => kubernetes(project, rounds.max(1)),
    }
}

/// The local Kubernetes node: the fixture's start to Ready (node Ready, cluster
/// DNS available) and its teardown (container, volume, the pods' cgroups),
/// against the same image started and removed by hand, waiting only for the
/// node's Ready, in alternating order.
fn kubernetes(project: &Project, rounds: usize) -> Result<Outcome> {
    let run_dir = project.state.root().join("bench-kubernetes");
    std::fs::create_dir_all(&run_dir).with_context(|| format!("cannot create {}", run_dir.display()))?;
    let workspace = fixtures::workspace_id(project.state.root());
    let spec =
        fixtures::kubernetes::NodeSpec { run_dir: &run_dir, workspace: &workspace, lab_id: "bench", node_ports: &[] };
    let (mut ready, mut down, mut bare_ready, mut bare_down) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 1..=rounds {
        errln!("round {round}/{rounds}");
        if round % 2 == 0 {
            let (up, removed) = node_by_hand(&workspace)?;
            bare_ready.push(up);
            bare_down.push(removed);
        }
        let started = Instant::now();
        fixtures::kubernetes::Node::up(&spec)?;
        ready.push(started.elapsed());
        let started = Instant::now();
        fixtures::kubernetes::down(&run_dir)?;
        down.push(started.elapsed());
        if round % 2 == 1 {
            let (up, removed) = node_by_hand(&workspace)?;
            bare_ready.push(up);
            bare_down.push(removed);
        }
    }
    outln!("bench kubernetes: {}, {rounds} rounds       min      median   max", fixtures::kubernetes::NODE_IMAGE);
    print_row("node fixture start to Ready + DNS", &ready);
    print_row("bare docker run to Ready + DNS", &bare_ready);
    print_row("node fixture teardown", &down);
    print_row("bare docker rm -f, volume, cgroups", &bare_down);
    let ratio = median_ratio(&ready, &bare_ready);
    outln!("ratio node fixture / bare docker run to Ready with DNS (medians): {ratio:.3}");
    let ratio = median_ratio(&down, &bare_down);
    outln!("ratio node teardown / bare removal (medians): {ratio:.3}");
    Ok(Outcome::Success)
}

/// The baseline: the node image run as a person would (the same flags),
/// polled with its own kubectl until the node is Ready and cluster DNS has a
/// replica available (the fixture's condition), then removed.
fn node_by_hand(workspace: &str) -> Result<(Duration, Duration)> {
    let sh = Shell::new()?;
    let name = format!("milvus-labs-k8s-bench{}", std::process::id());
    let (label, volume) = (format!("milvus-labs.workspace={workspace}"), format!("{name}-docker"));
    let archive = format!(
        "{}:/node-images/images.tar:ro",
        fixtures::kubernetes::cache_dir().join(fixtures::kubernetes::NODE_ARCHIVE).display()
    );
    let image = fixtures::kubernetes::NODE_IMAGE;
    let started = Instant::now();
    cmd!(
        sh,
        "docker run -d --name {name} --hostname node --label {label} -p 127.0.0.1::6443
            --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined
            --security-opt apparmor=unconfined --security-opt systempaths=unconfined
            --device-cgroup-rule 'a *:* rwm' --device /dev/kmsg -v /sys/fs/cgroup:/sys/fs/cgroup:rw
            -v {volume}:/var/lib/docker -v {archive} -e NODE_CGROUP={name} -e NODE_TOKEN=bench {image}"
    )
    .quiet()
    .ignore_stdout()
    .run()
    .context("docker run of the node")?;
    let condition = "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}";
    let available = "jsonpath={.status.availableReplicas}";
    let up = loop {
        let node = cmd!(sh, "docker exec {name} kubectl get node node -o {condition}").quiet().ignore_stderr().read();
        let dns = cmd!(sh, "docker exec {name} kubectl -n kube-system get deployment kube-dns -o {available}");
        if node.is_ok_and(|node| node == "True") && dns.quiet().ignore_stderr().read().is_ok_and(|dns| dns == "1") {
            break started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(180) {
            fixtures::kubernetes::down_named(&name)?;
            bail!("the bare node was not Ready with DNS within 180 s");
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let started = Instant::now();
    fixtures::kubernetes::down_named(&name)?;
    Ok((up, started.elapsed()))
}

/// How long an idle stack is measured, after a settling pause.
const IDLE_WINDOW: Duration = Duration::from_secs(20);
/// The baseline's health checks: a healthy service probed every interval, as
/// before compose/healthcheck.sh waited between probes of a healthy one.
const BASELINE_SETTLED_SECONDS: &str = "0";

/// An idle Compose stack and an idle cluster with the files' health checks
/// against the same stacks probed every interval (the baseline), in
/// alternating order: CPU per second of their containers (cgroups) and of the
/// Docker daemons (every probe is an exec they run), and the time to `up --wait`.
fn idle(project: &Project, rounds: usize) -> Result<Outcome> {
    let profile = Profile::from_env()?;
    for logical in ["milvus", "etcd", "object-store", "cluster-queue"] {
        images::require(profile, logical)?;
    }
    let workspace = fixtures::workspace_id(project.state.root());
    for (mode, stack) in [(Mode::Compose, "Compose stack"), (Mode::Cluster, "cluster")] {
        let (mut default, mut baseline) = (Vec::new(), Vec::new());
        for round in 1..=rounds {
            errln!("{stack}: round {round}/{rounds}");
            let order: [Option<&str>; 2] = if round % 2 == 0 {
                [Some(BASELINE_SETTLED_SECONDS), None]
            } else {
                [None, Some(BASELINE_SETTLED_SECONDS)]
            };
            for settled in order {
                let measured = idle_stack(profile, &workspace, mode, settled)?;
                if settled.is_some() { baseline.push(measured) } else { default.push(measured) }
            }
        }
        let column = |samples: &[IdleStack], pick: fn(&IdleStack) -> f64| -> Vec<Duration> {
            samples.iter().map(|s| Duration::from_secs_f64(pick(s))).collect()
        };
        outln!("bench idle: one {stack} ({profile} profile), {rounds} rounds        min      median   max");
        outln!("(CPU rows in CPU-seconds per second of idle)");
        for (label, samples) in [("files' health checks", &default), ("probed every interval", &baseline)] {
            print_row(&format!("{label}: containers' CPU"), &column(samples, |s| s.containers));
            print_row(&format!("{label}: Docker daemons' CPU"), &column(samples, |s| s.daemons));
            print_row(&format!("{label}: up --wait"), &column(samples, |s| s.ready.as_secs_f64()));
        }
        let total = |samples: &[IdleStack]| median(&column(samples, |s| s.containers + s.daemons)).as_secs_f64();
        outln!(
            "ratio idle CPU, files' / every interval (medians): {:.2}",
            total(&default) / total(&baseline).max(f64::EPSILON)
        );
        let ready = |samples: &[IdleStack]| median(&column(samples, |s| s.ready.as_secs_f64())).as_secs_f64();
        outln!("ratio up --wait, files' / every interval (medians): {:.2}", ready(&default) / ready(&baseline));
    }
    Ok(Outcome::Success)
}

struct IdleStack {
    ready: Duration,
    containers: f64,
    daemons: f64,
}

/// Brings a stack up (healthy services probed as `settled` says, or as the
/// files do), lets it settle, measures its idle CPU over `IDLE_WINDOW`, and
/// removes it.
fn idle_stack(profile: Profile, workspace: &str, mode: Mode, settled: Option<&str>) -> Result<IdleStack> {
    let sh = compose_shell(profile, workspace, mode)?;
    // Empty counts as unset for the files' `${NAME:-default}`.
    sh.set_var("HEALTHCHECK_INTERVAL", "");
    sh.set_var("HEALTHCHECK_SETTLED_SECONDS", settled.unwrap_or(""));
    let file = fixtures::compose::compose_file(mode);
    let project = format!("milvus-labs-bench-idle-{}", std::process::id());
    let started = Instant::now();
    let up = cmd!(sh, "docker compose -p {project} -f {file} up -d --wait").quiet().ignore_stderr().run();
    let ready = started.elapsed();
    let measured = up.context("docker compose up --wait failed").and_then(|()| {
        // Past the first pass of every health check, so the window sees the steady state.
        std::thread::sleep(Duration::from_secs(10));
        let ids =
            cmd!(sh, "docker ps -q --no-trunc --filter label=com.docker.compose.project={project}").quiet().read()?;
        let ids: Vec<&str> = ids.lines().collect();
        let (containers_before, daemons_before) = (containers_cpu(&ids)?, daemons_cpu()?);
        std::thread::sleep(IDLE_WINDOW);
        let (containers_after, daemons_after) = (containers_cpu(&ids)?, daemons_cpu()?);
        let per_second =
            |before: Duration, after: Duration| after.saturating_sub(before).as_secs_f64() / IDLE_WINDOW.as_secs_f64();
        Ok(IdleStack {
            ready,
            containers: per_second(containers_before, containers_after),
            daemons: per_second(daemons_before, daemons_after),
        })
    });
    cmd!(sh, "docker compose -p {project} -f {file} kill").quiet().ignore_stderr().run()?;
    std::thread::sleep(fixtures::HEALTH_CHECKS_SETTLE);
    cmd!(sh, "docker compose -p {project} -f {file} down -v --timeout 0").quiet().ignore_stderr().run()?;
    measured
}

/// The CPU time the containers `ids` used so far (cgroup v1 or v2).
fn containers_cpu(ids: &[&str]) -> Result<Duration> {
    ids.iter()
        .map(|id| {
            let v1 = format!("/sys/fs/cgroup/cpuacct/docker/{id}/cpuacct.usage");
            if let Ok(text) = std::fs::read_to_string(&v1) {
                return Ok(Duration::from_nanos(text.trim().parse().with_context(|| format!("{v1}: {text}"))?));
            }
            for v2 in [
                format!("/sys/fs/cgroup/system.slice/docker-{id}.scope/cpu.stat"),
                format!("/sys/fs/cgroup/docker/{id}/cpu.stat"),
            ] {
                if let Ok(text) = std::fs::read_to_string(&v2) {
                    let usec = text
                        .lines()
                        .find_map(|line| line.strip_prefix("usage_usec "))
                        .with_context(|| format!("{v2}: no usage_usec"))?;
                    return Ok(Duration::from_micros(usec.trim().parse()?));
                }
            }
            bail!("no cgroup CPU account for container {id}")
        })
        .sum()
}

/// The CPU time dockerd, containerd and the shims used so far, their reaped
/// children (each probe's exec) included: /proc/<pid>/stat fields 14-17.
fn daemons_cpu() -> Result<Duration> {
    // /proc counts in USER_HZ, which Linux fixes at 100 for user space.
    const TICKS_PER_SECOND: u64 = 100;
    let mut ticks = 0;
    for entry in std::fs::read_dir("/proc").context("cannot list /proc")?.flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        let Some((name, rest)) = stat.split_once(" (").and_then(|(_, rest)| rest.split_once(") ")) else { continue };
        if !(name == "dockerd" || name.starts_with("containerd")) {
            continue;
        }
        // Fields after the name start at field 3 (state); utime is field 14.
        let fields: Vec<u64> = rest.split_whitespace().skip(11).take(4).filter_map(|f| f.parse().ok()).collect();
        ticks += fields.iter().sum::<u64>();
    }
    Ok(Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

/// One verify-all run, measured: every lab's time (first trial's start to last
/// trial's end), the trials' summed time (the same labs one trial at a time,
/// the baseline) against the wall time, and what was left behind.
fn verify(project: &Project, labs: &[String], jobs: Option<u16>) -> Result<Outcome> {
    let args = VerifyAllArgs {
        labs: labs.to_vec(),
        phase: None,
        mode: None,
        jobs,
        format: Format::Human,
        require_all: false,
        accept: false,
    };
    let labs = verify_all::select(&args)?;
    let plan = verify_all::plan(jobs, &labs);
    errln!("bench verify: {} labs, up to {} trials at once ({})", labs.len(), plan.jobs, plan.reason);
    let run = verify_all::verify_labs(project, &labs, &plan)?;
    let ran: Vec<&runner::VerifyOutcome> = run.outcomes.iter().filter(|o| !o.trials.is_empty()).collect();
    let failed: Vec<&str> = ran.iter().filter(|o| o.result != runner::VerifyResult::Passed).map(|o| o.lab).collect();
    outln!("\n{:<28} {:>9} {:>9} {:>7}", "lab", "time", "work", "trials");
    for outcome in &ran {
        outln!(
            "{:<28} {:>9} {:>9} {:>7}",
            outcome.lab,
            verify_all::seconds(outcome.elapsed),
            verify_all::seconds(outcome.work()),
            outcome.trials.len()
        );
    }
    let times: Vec<Duration> = ran.iter().map(|o| o.elapsed).collect();
    let slowest = ran.iter().max_by_key(|o| o.elapsed);
    let leftovers = fixtures::leftovers(project.state.root()).unwrap_or_else(|e| vec![format!("unknown: {e:#}")]);
    outln!();
    outln!(
        "labs verified:             {} ({} failed{})",
        ran.len(),
        failed.len(),
        if failed.is_empty() { String::new() } else { format!(": {}", failed.join(", ")) }
    );
    if !times.is_empty() {
        outln!("lab time, median:          {}", verify_all::seconds(median(&times)));
        if let Some(slowest) = slowest {
            outln!("lab time, longest:         {} ({})", verify_all::seconds(slowest.elapsed), slowest.lab);
        }
    }
    outln!("work (trials one by one):  {}", verify_all::seconds(run.work()));
    outln!("wall:                      {}", verify_all::seconds(run.wall));
    outln!("work / wall:               {:.2}", run.efficiency());
    outln!(
        "leftovers (by label):      {}{}",
        leftovers.len(),
        if leftovers.is_empty() { String::new() } else { format!(": {}", leftovers.join(", ")) }
    );
    Ok(if failed.is_empty() && leftovers.is_empty() { Outcome::Success } else { Outcome::Failed })
}

fn lite(project: &Project, rounds: usize) -> Result<Outcome> {
    let lab = catalog().find("phase2/lite-quickstart")?;
    let venv = Venv::ensure(project.state.root())?;
    let base = project.state.root().join("bench");
    let dirs = LabDirs { work: base.join("work"), run: base.join("run"), state_root: project.state.root().to_owned() };

    let mut solve = Vec::new();
    let mut fixture_ready = Vec::new();
    let mut by_hand_ready = Vec::new();
    let mut peak = 0;
    for round in 1..=rounds {
        errln!("round {round}/{rounds}");
        // `lab --solve`: setup, the reference solution, the check.
        let (elapsed, active) = solve_once(lab, &dirs, &venv)?;
        solve.push(elapsed);
        if let Some(pid) = active.ctx.fixture.pid {
            peak = peak.max(process_peak_rss(pid).unwrap_or(0));
        }
        active.teardown()?;

        // Interleaved, and in alternating order, so that machine noise (such as
        // the teardown just before) hits both sides alike.
        if round % 2 == 0 {
            by_hand_ready.push(start_by_hand(&venv, &base.join("by-hand"))?);
        }
        let spec = fixtures::Spec {
            mode: Mode::Lite,
            run_dir: &dirs.run,
            state_root: &dirs.state_root,
            lab_id: lab.meta().id,
            venv: Some(&venv),
            profile: fixtures::images::Profile::Official,
            settings: &[],
        };
        let started = Instant::now();
        fixtures::up(&spec)?;
        fixture_ready.push(started.elapsed());
        fixtures::down(&dirs.run)?;
        if round % 2 == 1 {
            by_hand_ready.push(start_by_hand(&venv, &base.join("by-hand"))?);
        }
    }

    outln!("bench lite ({rounds} rounds)            min      median   max");
    print_row("lab --solve to check result", &solve);
    print_row("Lite fixture time-to-ready", &fixture_ready);
    print_row("Lite by hand time-to-ready", &by_hand_ready);
    let ratio = median_ratio(&fixture_ready, &by_hand_ready);
    outln!("ratio fixture / by hand (medians): {ratio:.3} (target: under 1.10)");
    outln!("peak memory of the Lite server during `lab --solve`: {} MiB (VmHWM)", peak / (1024 * 1024));
    Ok(Outcome::Success)
}

/// The Standalone fixture's time-to-ready against a bare `docker run` of the same
/// image polled on `/healthz`, the Compose and cluster fixtures' against a bare
/// `docker compose up --wait` of their files, plus `lab --solve` and memory.
fn fixtures(project: &Project, rounds: usize) -> Result<Outcome> {
    let lab = catalog().find("phase2/standalone-embed")?;
    let profile = Profile::from_env()?;
    let image = images::image(profile, "milvus")?;
    images::require(profile, "milvus")?;
    let venv = Venv::ensure(project.state.root())?;
    let base = project.state.root().join("bench-standalone");
    let dirs = LabDirs { work: base.join("work"), run: base.join("run"), state_root: project.state.root().to_owned() };
    let workspace = fixtures::workspace_id(project.state.root());

    let (mut solve, mut fixture_ready, mut by_hand_ready, mut peak) = (Vec::new(), Vec::new(), Vec::new(), 0);
    let (mut compose_ready, mut compose_by_hand, mut compose_peak) = (Vec::new(), Vec::new(), 0);
    let (mut cluster_ready, mut cluster_by_hand, mut cluster_memory) = (Vec::new(), Vec::new(), (0, 0));
    for round in 1..=rounds {
        errln!("round {round}/{rounds}");
        let (elapsed, active) = solve_once(lab, &dirs, &venv)?;
        solve.push(elapsed);
        if let Some(id) = &active.ctx.fixture.container {
            peak = peak.max(container_peak_memory(id).unwrap_or(0));
        }
        active.teardown()?;

        let spec = |mode| fixtures::Spec {
            mode,
            run_dir: &dirs.run,
            state_root: &dirs.state_root,
            lab_id: lab.meta().id,
            venv: None,
            profile,
            settings: &[],
        };
        // Each pair in alternating order, so the teardown before does not bias one side.
        if round % 2 == 0 {
            by_hand_ready.push(docker_run_by_hand(&image.image, &workspace)?);
            compose_by_hand.push(compose_up_by_hand(profile, &workspace, Mode::Compose)?);
            cluster_by_hand.push(compose_up_by_hand(profile, &workspace, Mode::Cluster)?);
        }
        let started = Instant::now();
        fixtures::up(&spec(Mode::Standalone))?;
        fixture_ready.push(started.elapsed());
        fixtures::down(&dirs.run)?;
        let started = Instant::now();
        let stack = fixtures::up(&spec(Mode::Compose))?;
        compose_ready.push(started.elapsed());
        compose_peak = compose_peak.max(stack_peak_memory(&stack)?);
        fixtures::down(&dirs.run)?;
        let started = Instant::now();
        let cluster = fixtures::up(&spec(Mode::Cluster))?;
        cluster_ready.push(started.elapsed());
        cluster_memory = cluster_memory.max(stack_memory(&cluster)?);
        fixtures::down(&dirs.run)?;
        if round % 2 == 1 {
            by_hand_ready.push(docker_run_by_hand(&image.image, &workspace)?);
            compose_by_hand.push(compose_up_by_hand(profile, &workspace, Mode::Compose)?);
            cluster_by_hand.push(compose_up_by_hand(profile, &workspace, Mode::Cluster)?);
        }
    }

    outln!("bench fixtures: {} ({profile} profile), {rounds} rounds       min      median   max", image.image);
    print_row("standalone lab --solve to check", &solve);
    print_row("Standalone fixture time-to-ready", &fixture_ready);
    print_row("bare docker run, /healthz OK", &by_hand_ready);
    print_row("Compose fixture time-to-ready", &compose_ready);
    print_row("bare docker compose up --wait", &compose_by_hand);
    print_row("cluster fixture time-to-serving", &cluster_ready);
    print_row("bare cluster.yml up --wait", &cluster_by_hand);
    let ratio = median_ratio(&fixture_ready, &by_hand_ready);
    outln!("ratio Standalone fixture / bare docker run (medians): {ratio:.3} (target: under 1.10)");
    let ratio = median_ratio(&compose_ready, &compose_by_hand);
    outln!("ratio Compose fixture / bare docker compose up --wait (medians): {ratio:.3} (target: under 1.10)");
    let ratio = median_ratio(&cluster_ready, &cluster_by_hand);
    outln!(
        "ratio cluster fixture / bare docker compose up --wait of cluster.yml (medians): {ratio:.3} (target: under 1.10)"
    );
    outln!("peak memory, Standalone container during `lab --solve`: {} MiB (cgroup)", peak / (1024 * 1024));
    outln!(
        "peak memory, Compose stack (sum of its containers) up to ready: {} MiB (cgroup)",
        compose_peak / (1024 * 1024)
    );
    outln!(
        "memory, cluster serving, nothing loaded (sum of its {} containers, largest of the rounds): {} MiB (cgroup)",
        cluster_memory.1,
        cluster_memory.0 / (1024 * 1024)
    );
    Ok(Outcome::Success)
}

/// `lab --solve` in one go: setup, the reference solution, a passing check.
/// Returns the time to the check's result and the still-running lab.
fn solve_once(lab: &'static dyn Lab, dirs: &LabDirs, venv: &Venv) -> Result<(Duration, ActiveLab)> {
    let started = Instant::now();
    let mut active = runner::setup(lab, dirs.clone(), Some(venv.clone()), true)?;
    active.run_solution()?;
    let report = active.check()?;
    let elapsed = started.elapsed();
    if report.verdict() != Verdict::Pass {
        bail!("the reference solution did not pass:\n{}", report.render_human());
    }
    Ok((elapsed, active))
}

/// A shell with the variables a bare `docker compose` of `mode`'s file needs.
fn compose_shell(profile: Profile, workspace: &str, mode: Mode) -> Result<Shell> {
    let sh = Shell::new()?;
    for (key, value) in images::compose_variables(profile)? {
        sh.set_var(key, value);
    }
    if mode == Mode::Cluster {
        let version = fixtures::version_for(mode, profile)?;
        sh.set_var("MIXCOORD_COMMAND", version.cluster().mixcoord_command);
    }
    sh.set_var("MILVUS_LABS_WORKSPACE", workspace);
    Ok(sh)
}

/// The Compose baseline for `mode`'s file: the same file and images,
/// `docker compose up -d --wait`.
fn compose_up_by_hand(profile: Profile, workspace: &str, mode: Mode) -> Result<Duration> {
    let sh = compose_shell(profile, workspace, mode)?;
    let file = fixtures::compose::compose_file(mode);
    let project = format!("milvus-labs-bench-{}", std::process::id());
    let started = Instant::now();
    let up = cmd!(sh, "docker compose -p {project} -f {file} up -d --wait --quiet-pull").quiet().ignore_stderr().run();
    let elapsed = started.elapsed();
    cmd!(sh, "docker compose -p {project} -f {file} down -v --timeout 10").quiet().ignore_stderr().run()?;
    up.context("the bare docker compose up --wait failed")?;
    Ok(elapsed)
}

/// What a running Compose stack's containers use now, summed (cgroup usage,
/// as `docker stats` shows it), and how many there are.
fn stack_memory(stack: &fixtures::FixtureHandle) -> Result<(u64, usize)> {
    let usage: Vec<u64> = stack_containers(stack)?.iter().filter_map(|id| container_memory(id)).collect();
    Ok((usage.iter().sum(), usage.len()))
}

/// The summed cgroup peak of a Compose stack's containers.
fn stack_peak_memory(stack: &fixtures::FixtureHandle) -> Result<u64> {
    Ok(stack_containers(stack)?.iter().filter_map(|id| container_peak_memory(id)).sum())
}

/// The full ids of a Compose stack's running containers.
fn stack_containers(stack: &fixtures::FixtureHandle) -> Result<Vec<String>> {
    let project = stack.compose_project.as_deref().unwrap_or_default();
    let sh = Shell::new()?;
    let ids = cmd!(sh, "docker ps -q --no-trunc --filter label=com.docker.compose.project={project}").quiet().read()?;
    Ok(ids.lines().map(str::to_owned).collect())
}

/// The baseline: `docker run` the image as a person would, then poll `/healthz`.
fn docker_run_by_hand(image: &str, workspace: &str) -> Result<Duration> {
    let sh = Shell::new()?;
    let label = format!("milvus-labs.workspace={workspace}");
    let started = Instant::now();
    let id = cmd!(
        sh,
        "docker run -d --init -p 127.0.0.1::9091 -p 127.0.0.1::19530 --label {label}
            -e ETCD_USE_EMBED=true -e COMMON_STORAGETYPE=local -e COMMON_GRACEFULSTOPTIMEOUT=5 {image} milvus run standalone"
    )
    .quiet()
    .read()
    .context("docker run")?;
    let port = cmd!(sh, "docker port {id} 9091").quiet().read()?;
    let port: u16 =
        port.lines().next().and_then(|l| l.rsplit(':').next()).and_then(|p| p.parse().ok()).context("port")?;
    let elapsed = loop {
        if lab_framework::probes::healthz_ok(&format!("http://127.0.0.1:{port}")) {
            break started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = cmd!(sh, "docker rm -f -v {id}").quiet().ignore_stdout().run();
            bail!("the bare container was not healthy within 180 s");
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    cmd!(sh, "docker rm -f -v {id}").quiet().ignore_stdout().run()?;
    Ok(elapsed)
}

/// Peak RSS of a process (VmHWM), in bytes.
fn process_peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: u64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// A container's memory now from its cgroup, without the page cache the
/// kernel can drop: v1 `memory.usage_in_bytes` less `total_inactive_file`, or
/// v2 `memory.current` less `inactive_file` (what `docker stats` shows).
fn container_memory(id: &str) -> Option<u64> {
    let read = |path: String| std::fs::read_to_string(path).ok();
    cgroup_dirs(id).iter().find_map(|dir| {
        let (usage, inactive_key) = match read(format!("{dir}/memory.usage_in_bytes")) {
            Some(usage) => (usage, "total_inactive_file "),
            None => (read(format!("{dir}/memory.current"))?, "inactive_file "),
        };
        let usage: u64 = usage.trim().parse().ok()?;
        let stat = read(format!("{dir}/memory.stat")).unwrap_or_default();
        let inactive: u64 =
            stat.lines().find_map(|line| line.strip_prefix(inactive_key)?.trim().parse().ok()).unwrap_or(0);
        Some(usage.saturating_sub(inactive))
    })
}

/// A container's peak memory from its cgroup: v1 `memory.max_usage_in_bytes`
/// or v2 `memory.peak`, wherever Docker's cgroup driver put it.
fn container_peak_memory(id: &str) -> Option<u64> {
    let [v1, systemd, cgroupfs] = cgroup_dirs(id);
    let candidates = [
        format!("{v1}/memory.max_usage_in_bytes"),
        format!("{systemd}/memory.peak"),
        format!("{cgroupfs}/memory.peak"),
    ];
    candidates.iter().find_map(|path| std::fs::read_to_string(path).ok()?.trim().parse().ok())
}

/// Where a container's memory cgroup may be: cgroup v1, then v2 under the
/// systemd and the cgroupfs drivers.
fn cgroup_dirs(id: &str) -> [String; 3] {
    [
        format!("/sys/fs/cgroup/memory/docker/{id}"),
        format!("/sys/fs/cgroup/system.slice/docker-{id}.scope"),
        format!("/sys/fs/cgroup/docker/{id}"),
    ]
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

/// `numerator`'s median over `denominator`'s: a benchmark's figure.
fn median_ratio(numerator: &[Duration], denominator: &[Duration]) -> f64 {
    median(numerator).as_secs_f64() / median(denominator).as_secs_f64()
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn print_row(name: &str, samples: &[Duration]) {
    let min = samples.iter().min().copied().unwrap_or_default();
    let max = samples.iter().max().copied().unwrap_or_default();
    outln!(
        "{name:<34} {:>7.3}s {:>7.3}s {:>7.3}s",
        min.as_secs_f64(),
        median(samples).as_secs_f64(),
        max.as_secs_f64()
    );
}
