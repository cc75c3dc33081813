//! End-to-end tests of the `cargo xtask` binary: its output, exit codes, and
//! that an interrupted setup leaves no process behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A Docker socket that is not there: the same on every machine.
const NO_DOCKER: &str = "unix:///nonexistent/docker.sock";
const XTASK: &str = env!("CARGO_BIN_EXE_xtask");

/// A state folder of the test's own, so a learner's `.labs/` is never touched.
struct TempState(PathBuf);

impl TempState {
    fn new(name: &str) -> TempState {
        let dir = std::env::temp_dir().join(format!("milvus-labs-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempState(dir)
    }

    fn xtask(&self, args: &[&str]) -> Output {
        Command::new(XTASK).args(args).env("MILVUS_LABS_STATE_DIR", &self.0).output().unwrap()
    }

    /// As on a machine whose Docker daemon is not there.
    fn xtask_without_docker(&self, args: &[&str]) -> Output {
        Command::new(XTASK)
            .args(args)
            .env("MILVUS_LABS_STATE_DIR", &self.0)
            .env("DOCKER_HOST", NO_DOCKER)
            .output()
            .unwrap()
    }
}

impl Drop for TempState {
    fn drop(&mut self) {
        // A test that failed halfway may have left its lab running: gc tears
        // down what this state folder recorded or labelled.
        if self.0.join("runs").exists() {
            let _ = Command::new(XTASK).arg("gc").env("MILVUS_LABS_STATE_DIR", &self.0).output();
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_commands_and_exit_codes() {
    let output = TempState::new("help").xtask(&["--help"]);
    assert!(output.status.success());
    insta::assert_snapshot!("help", stdout(&output));
}

#[test]
fn list_shows_every_phase_and_lab() {
    // Without Docker, the ✗ marks are the same on every machine that has Python.
    let output = TempState::new("list").xtask_without_docker(&["list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("list", stdout(&output));
}

#[test]
fn without_docker_list_starts_the_learner_on_a_lite_lab_and_says_what_docker_labs_need() {
    let state = TempState::new("list-no-docker");
    let list = |progress: &str| {
        std::fs::write(state.0.join("progress.txt"), progress).unwrap();
        let output = state.xtask_without_docker(&["list"]);
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let text = list("");
    assert!(text.contains("\nNext lab: cargo xtask lab phase2/lite-quickstart\n"), "{text}");
    let docker_lab = text.lines().find(|line| line.contains("phase1/map-instance")).unwrap();
    assert!(docker_lab.contains("✗ Docker"), "{docker_lab}");
    let lite_lab = text.lines().find(|line| line.contains("phase2/lite-quickstart")).unwrap();
    assert!(!lite_lab.contains('✗'), "{lite_lab}");
    assert!(text.contains("a running Docker daemon") && text.contains("fix: start it: `dockerd"), "{text}");
    // The first Lite lab passed: the next one this machine runs is the other Lite lab.
    let text = list("phase2/lite-quickstart = passed\n");
    assert!(text.contains("\nNext lab: cargo xtask lab phase2/choose-mode\n"), "{text}");
}

#[test]
fn list_shows_progress_from_the_progress_file() {
    let state = TempState::new("progress");
    std::fs::write(state.0.join("progress.txt"), "phase5/filtered-delete = passed\n").unwrap();
    let text = stdout(&state.xtask(&["list"]));
    let line = text.lines().find(|l| l.contains("phase5/filtered-delete")).unwrap();
    assert!(line.contains("passed"), "{line}");
    let line = text.lines().find(|l| l.contains("phase2/lite-quickstart")).unwrap();
    assert!(!line.contains("passed"), "{line}");
}

#[test]
fn unknown_lab_suggests_the_nearest_and_exits_2() {
    let state = TempState::new("unknown");
    let output = state.xtask(&["lab", "phase2/lite-quikstart"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `phase2/lite-quickstart`?"), "{}", stderr(&output));
    assert!(std::fs::read_dir(&state.0).unwrap().next().is_none(), "bad input must change nothing");

    let output = state.xtask(&["verify-all", "--phase", "11"]);
    assert_eq!(output.status.code(), Some(2), "clap rejects an out-of-range phase");
}

#[test]
fn check_without_a_running_lab_names_the_command_that_starts_it() {
    let state = TempState::new("not-running");
    let output = state.xtask(&["check", "phase5/filtered-delete"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cargo xtask lab phase5/filtered-delete"), "{}", stderr(&output));
    let output = state.xtask(&["check"]);
    assert_eq!(output.status.code(), Some(2), "--help documents 2 for a lab that is not running");
    assert!(stderr(&output).contains("no lab is started yet"), "{}", stderr(&output));
}

#[test]
fn down_with_nothing_running_says_so() {
    let output = TempState::new("down").xtask(&["down"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "Nothing is running.\n");
}

/// The repository's managed venv, if `cargo xtask test` (or a lab) prepared it.
fn prepared_venv() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.labs/venv");
    venv.join("requirements.installed").exists().then_some(venv)
}

#[test]
fn ctrl_c_during_lab_setup_leaves_no_process_behind() {
    let Some(venv) = prepared_venv() else {
        assert!(
            std::env::var("MILVUS_LABS_REQUIRE_ALL").unwrap_or_default().is_empty(),
            "the venv is missing; `cargo xtask test` prepares it"
        );
        eprintln!("skipped: no prepared venv (run `cargo xtask test`)");
        return;
    };
    let state = TempState::new("ctrl-c");
    std::os::unix::fs::symlink(venv.canonicalize().unwrap(), state.0.join("venv")).unwrap();
    let mut child = Command::new(XTASK)
        .args(["lab", "phase2/lite-quickstart"])
        .env("MILVUS_LABS_STATE_DIR", &state.0)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let handle = state.0.join("runs/phase2/lite-quickstart/fixture.toml");
    let started = Instant::now();
    // The handle is written as soon as the server process exists, before it is ready.
    let pid = loop {
        if let Some(pid) = std::fs::read_to_string(&handle).ok().as_deref().and_then(recorded_pid) {
            break pid;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the lab never started its server");
        std::thread::sleep(Duration::from_millis(2));
    };
    // SAFETY: sends SIGINT to our own child, as a terminal's Ctrl-C would.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "interrupted setup exits 130");
    assert!(!Path::new(&format!("/proc/{pid}")).exists(), "the Lite server {pid} survived Ctrl-C");
    assert!(!handle.exists(), "the fixture record was not cleared");
    let state_dir = state.0.display().to_string();
    let leftovers: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(&state_dir))
        .collect();
    assert!(leftovers.is_empty(), "processes left behind: {leftovers:?}");
}

fn recorded_pid(toml: &str) -> Option<u32> {
    toml.lines().find_map(|line| line.strip_prefix("pid = ")?.trim().parse().ok())
}

fn labelled_containers(workspace: &str) -> Vec<String> {
    let output = Command::new("docker")
        .args(["ps", "-aq", "--filter", &format!("label=milvus-labs.workspace={workspace}")])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).split_whitespace().map(str::to_owned).collect()
}

/// Starts `lab ID` and returns once its first container exists.
fn start_docker_lab(state: &TempState, workspace: &str, id: &str) -> std::process::Child {
    let child = Command::new(XTASK)
        .args(["lab", id])
        .env("MILVUS_LABS_STATE_DIR", &state.0)
        .env("MILVUS_LABS_IMAGES", "offline")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while labelled_containers(workspace).is_empty() {
        assert!(started.elapsed() < Duration::from_secs(120), "the lab never created its container");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// A state folder with the prepared venv for a Docker lab test, and its
/// workspace label; `None` (a skip) when Docker, the offline Milvus image,
/// Compose (if `compose`) or the venv is missing, which `--require-all` forbids.
fn docker_lab_state(name: &str, compose: bool) -> Option<(TempState, String)> {
    let image = fixtures::images::image(fixtures::images::Profile::Offline, "milvus").unwrap().image;
    let have_image =
        Command::new("docker").args(["image", "inspect", &image]).output().is_ok_and(|o| o.status.success());
    let have_compose =
        !compose || Command::new("docker").args(["compose", "version"]).output().is_ok_and(|o| o.status.success());
    let Some(venv) = prepared_venv().filter(|_| have_image && have_compose) else {
        assert!(
            std::env::var("MILVUS_LABS_REQUIRE_ALL").unwrap_or_default().is_empty(),
            "needs Docker, Compose, {image} (`cargo xtask images build`) and the venv (`cargo xtask test`)"
        );
        eprintln!("skipped: no Docker Compose, image {image} or prepared venv");
        return None;
    };
    let state = TempState::new(name);
    std::os::unix::fs::symlink(venv.canonicalize().unwrap(), state.0.join("venv")).unwrap();
    let workspace = fixtures::workspace_id(&state.0);
    Some((state, workspace))
}

#[test]
fn interrupted_or_killed_standalone_setup_leaves_nothing_after_gc() {
    let Some((state, workspace)) = docker_lab_state("standalone-ctrl-c", false) else { return };

    // Ctrl-C while the container starts: the CLI tears it down itself.
    let mut child = start_docker_lab(&state, &workspace, "phase2/standalone-embed");
    // SAFETY: SIGINT to our own child, as a terminal's Ctrl-C would send.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(child.wait().unwrap().code(), Some(130));
    assert_eq!(labelled_containers(&workspace), Vec::<String>::new(), "Ctrl-C left a container");

    // SIGKILL cannot be handled: the container stays until `gc` removes it by label.
    let mut child = start_docker_lab(&state, &workspace, "phase2/standalone-embed");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!labelled_containers(&workspace).is_empty());
    let output = state.xtask(&["gc"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Removed container"), "{}", stdout(&output));
    assert_eq!(labelled_containers(&workspace), Vec::<String>::new(), "gc left a container");
}

#[test]
fn interrupted_cluster_setup_leaves_nothing() {
    let Some((state, workspace)) = docker_lab_state("cluster-ctrl-c", true) else { return };
    // Ctrl-C while Compose starts the cluster's containers: the CLI takes the
    // whole project down, its network and volumes too.
    let mut child = start_docker_lab(&state, &workspace, "phase6/scale-out");
    // SAFETY: SIGINT to our own child, as a terminal's Ctrl-C would send.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(child.wait().unwrap().code(), Some(130));
    assert_eq!(labelled_objects(&workspace), Vec::<String>::new(), "Ctrl-C left part of the cluster");
}

/// Every container, volume and network labelled with `workspace`.
fn labelled_objects(workspace: &str) -> Vec<String> {
    let filter = format!("label=milvus-labs.workspace={workspace}");
    let mut found = labelled_containers(workspace);
    for kind in ["volume", "network"] {
        let output = Command::new("docker").args([kind, "ls", "-q", "--filter", &filter]).output().unwrap();
        found.extend(String::from_utf8_lossy(&output.stdout).split_whitespace().map(|id| format!("{kind} {id}")));
    }
    found
}

#[test]
fn two_docker_labs_verified_at_once_both_pass_and_leave_nothing() {
    let Some((state, workspace)) = docker_lab_state("parallel", true) else { return };
    let labs = ["phase2/standalone-embed", "phase2/compose-stack"];
    let output = Command::new(XTASK)
        .args(["verify-all", labs[0], labs[1], "--jobs", "6", "--format", "json"])
        .env("MILVUS_LABS_STATE_DIR", &state.0)
        .env("MILVUS_LABS_IMAGES", "offline")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}\n{}", stdout(&output), stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let lab = |id: &str| report["labs"].as_array().unwrap().iter().find(|l| l["lab"] == id).unwrap().clone();
    // Each trial's [start, end) in the run: the two labs' trials must overlap,
    // or this test proves nothing about running side by side.
    let spans = |id: &str| -> Vec<(u64, u64)> {
        let lab = lab(id);
        assert_eq!(lab["result"], "passed", "{lab:#}");
        lab["trials"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let start = t["started_ms"].as_u64().unwrap();
                (start, start + t["elapsed_ms"].as_u64().unwrap())
            })
            .collect()
    };
    let (first, second) = (spans(labs[0]), spans(labs[1]));
    assert!(
        first.iter().any(|a| second.iter().any(|b| a.0 < b.1 && b.0 < a.1)),
        "no trial of {} ran while one of {} did: {first:?} {second:?}",
        labs[0],
        labs[1]
    );
    assert_eq!(labelled_objects(&workspace), Vec::<String>::new(), "the parallel run left objects behind");
}

#[test]
fn a_closed_stdout_or_stderr_is_no_crash() {
    let state = TempState::new("closed-pipe");
    for closed in ["stdout", "stderr"] {
        let mut command = Command::new(XTASK);
        command.args(["list"]).env("MILVUS_LABS_STATE_DIR", &state.0);
        // The reading end is closed before the command writes, as `| head -0`
        // or a `less` quit at once would leave it.
        let mut child = if closed == "stdout" {
            command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
        } else {
            command.stderr(std::process::Stdio::piped()).stdout(std::process::Stdio::null()).spawn().unwrap()
        };
        let stream: Box<dyn std::io::Read> = if closed == "stdout" {
            drop(child.stdout.take());
            Box::new(child.stderr.take().unwrap())
        } else {
            drop(child.stderr.take());
            Box::new(std::io::empty())
        };
        let mut errors = String::new();
        std::io::Read::read_to_string(&mut { stream }, &mut errors).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "with {closed} closed: {errors}");
        assert!(!errors.contains("panicked"), "with {closed} closed: {errors}");
    }
}

#[test]
fn every_documented_usage_error_exits_2() {
    let state = TempState::new("exit-codes");
    let usage_errors: &[&[&str]] = &[
        &["check"],
        &["hint"],
        &["env"],
        &["check", "phase5/filtered-delete"],
        &["hint", "phase2/nope"],
        &["env", "phase2/nope"],
        &["reset", "phase2/nope"],
        &["lab", "phase2/nope"],
        &["lab", "phase11"],
        &["verify-all", "phase2/nope"],
        &["verify-all", "--phase", "11"],
        &["list", "extra"],
        &["down", "extra"],
        &["gc", "extra"],
        &["images", "nope"],
        &["doctor", "extra"],
        &["book", "--port", "not-a-port"],
        &["test", "--nope"],
        &["bench", "nope"],
        &["no-such-command"],
    ];
    for args in usage_errors {
        let output = state.xtask(args);
        assert_eq!(output.status.code(), Some(2), "cargo xtask {}: {}", args.join(" "), stderr(&output));
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
    assert!(std::fs::read_dir(&state.0).unwrap().next().is_none(), "usage errors change nothing");
    let output = state.xtask(&["check"]);
    assert!(stderr(&output).contains("no lab is started yet; start one with `cargo xtask lab"), "{}", stderr(&output));
}

#[test]
fn missing_requirements_exit_3_and_environment_failures_exit_4() {
    let state = TempState::new("exit-codes-3-4");
    let no_daemon = |args: &[&str]| state.xtask_without_docker(args);
    for args in [&["gc"][..], &["lab", "phase1/map-instance"], &["verify-all", "phase2/compose-stack", "--require-all"]]
    {
        let output = no_daemon(args);
        let expected = if args[0] == "verify-all" { 1 } else { 3 };
        assert_eq!(output.status.code(), Some(expected), "cargo xtask {}: {}", args.join(" "), stderr(&output));
    }
    assert!(!state.0.join("venv").exists(), "nothing is installed for labs that cannot run");
    // A state folder that is a file: nothing can be read or written there.
    let file = state.0.join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    for args in [&["list"][..], &["check", "phase5/filtered-delete"]] {
        let output = Command::new(XTASK).args(args).env("MILVUS_LABS_STATE_DIR", &file).output().unwrap();
        assert_eq!(output.status.code(), Some(4), "cargo xtask {}: {}", args.join(" "), stderr(&output));
        assert!(stderr(&output).contains("not-a-folder"), "the error names the path: {}", stderr(&output));
    }
}

#[test]
fn a_phase_the_course_lacks_suggests_the_nearest() {
    // Every phase of the course has labs now; a phase without labs is
    // covered by the catalogue's unit tests.
    let output = TempState::new("no-such-phase").xtask(&["lab", "phase11"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("no lab or phase named `phase11`; did you mean `phase1`?"), "{text}");
    assert!(text.contains("`cargo xtask list` shows every lab"), "{text}");
}

#[test]
fn the_progress_file_keeps_what_the_learner_wrote() {
    let state = TempState::new("progress-kept");
    let mine = "phase2/lite-quickstart = passed\nphase3/etcd-restore = halfway\n";
    std::fs::write(state.0.join("progress.txt"), mine).unwrap();
    let output = state.xtask(&["list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("progress.txt line 2: `phase3/etcd-restore = halfway`"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(state.0.join("progress.txt")).unwrap(), mine);

    std::fs::write(state.0.join("progress.txt"), b"phase2/lite-quickstart = passed\n\xff\n").unwrap();
    let output = state.xtask(&["list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("was not text (UTF-8); it is kept as"), "{}", stderr(&output));
    assert!(state.0.join("progress.txt.bak").exists());
}

#[test]
fn a_missing_requirement_is_said_before_anything_is_printed_or_installed() {
    let state = TempState::new("requirements-first");
    let output = state.xtask_without_docker(&["lab", "phase2/standalone-embed"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("DOCKER_HOST=unix:///nonexistent/docker.sock (no such socket)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "", "no task text before the requirement is met");
    assert!(!state.0.join("venv").exists(), "nothing installed");
}

#[test]
fn env_follows_the_lab_and_down_reports_what_no_record_names() {
    let Some((state, workspace)) = docker_lab_state("env-follows-lab", false) else { return };
    let start_lab = || {
        let started = Command::new(XTASK)
            .args(["lab", "phase2/standalone-embed"])
            .env("MILVUS_LABS_STATE_DIR", &state.0)
            .env("MILVUS_LABS_IMAGES", "offline")
            .output()
            .unwrap();
        assert!(started.status.success(), "{}", stderr(&started));
    };
    start_lab();

    // Ctrl-C in down's first moments: it finishes the teardown anyway.
    let mut down = Command::new(XTASK)
        .args(["down"])
        .env("MILVUS_LABS_STATE_DIR", &state.0)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // As soon as it handles Ctrl-C: before that, on a busy machine, a SIGINT
    // ends a process that has not begun, which is not what this tests.
    wait_until_it_catches_sigint(down.id());
    // SAFETY: SIGINT to our own child, as a terminal's Ctrl-C would send.
    unsafe { libc::kill(down.id() as libc::pid_t, libc::SIGINT) };
    let code = down.wait().unwrap().code();
    assert_eq!(code, Some(0), "down finishes its teardown on Ctrl-C");
    assert_eq!(labelled_objects(&workspace), Vec::<String>::new(), "an interrupted down left the lab running");
    start_lab();

    // A new shell with the other profile: env still names the lab's own etcd image.
    let env = Command::new(XTASK)
        .args(["env"])
        .env("MILVUS_LABS_STATE_DIR", &state.0)
        .env("MILVUS_LABS_IMAGES", "official")
        .output()
        .unwrap();
    let offline_etcd = fixtures::images::image(fixtures::images::Profile::Offline, "etcd").unwrap().image;
    assert!(
        stdout(&env).contains(&format!("export ETCD_IMAGE='{offline_etcd}'"))
            || stdout(&env).contains(&format!("export ETCD_IMAGE={offline_etcd}")),
        "{}",
        stdout(&env)
    );

    // The run folder is lost (a SIGKILL, then rm -rf): down says what is left.
    std::fs::remove_dir_all(state.0.join("runs")).unwrap();
    let down = state.xtask(&["down"]);
    assert!(down.status.success(), "{}", stderr(&down));
    assert!(stdout(&down).contains("recorded by no lab"), "{}", stdout(&down));
    assert!(stdout(&down).contains("cargo xtask gc"), "{}", stdout(&down));
    assert!(state.xtask(&["gc"]).status.success());
    assert_eq!(labelled_objects(&workspace), Vec::<String>::new(), "gc left objects");
    let down = state.xtask(&["down"]);
    assert_eq!(stdout(&down), "Nothing is running.\n");
}

#[test]
fn the_readme_lists_the_exit_codes_help_documents() {
    let help = stdout(&TempState::new("readme-codes").xtask(&["--help"]));
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let codes: Vec<&str> = help.lines().skip_while(|l| !l.starts_with("Exit codes")).skip(1).collect();
    assert!(codes.len() >= 6, "{help}");
    for line in codes {
        assert!(readme.contains(line), "README.md lacks the exit code line `{line}`");
    }
}

#[test]
fn config_explains_lints_and_diffs_against_the_images_own_defaults() {
    let image = fixtures::images::image(fixtures::images::Profile::Offline, "milvus").unwrap().image;
    let have_image =
        Command::new("docker").args(["image", "inspect", &image]).output().is_ok_and(|o| o.status.success());
    if !have_image {
        assert!(
            std::env::var("MILVUS_LABS_REQUIRE_ALL").unwrap_or_default().is_empty(),
            "needs Docker and {image} (`cargo xtask images build`)"
        );
        eprintln!("skipped: no Docker image {image}");
        return;
    }
    let state = TempState::new("config");
    let config = |args: &[&str]| {
        Command::new(XTASK)
            .arg("config")
            .args(args)
            .env("MILVUS_LABS_STATE_DIR", &state.0)
            .env("MILVUS_LABS_IMAGES", "offline")
            .output()
            .unwrap()
    };
    // 2.3.5's own defaults, read from the image.
    let explain = config(&["explain", "proxy.maxDimension"]);
    assert!(explain.status.success(), "{}", stderr(&explain));
    let text = stdout(&explain);
    assert!(text.contains("default:     32768"), "{text}");
    assert!(text.contains("meaning:     Maximum dimension of a vector"), "{text}");
    assert!(text.contains("PROXY_MAXDIMENSION") && text.contains("by-dev/config/proxy/maxDimension"), "{text}");
    assert!(text.contains("live when set in etcd"), "{text}");
    assert!(text.contains("phase4/config-layers.md"), "{text}");
    let segment = stdout(&config(&["explain", "dataCoord.segment.maxSize"]));
    assert!(segment.contains("default:     512"), "{segment}");

    let unknown = config(&["explain", "proxy.maxDimenson"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("did you mean `proxy.maxDimension`"), "{}", stderr(&unknown));

    let file = state.0.join("user.yaml");
    std::fs::write(
        &file,
        "proxy:\n  maxDimension: 1024\n  maxDimenson: 2\ndataCoord:\n  segment:\n    maxSize: 64MB\n",
    )
    .unwrap();
    let lint = config(&["lint", file.to_str().unwrap()]);
    assert_eq!(lint.status.code(), Some(1), "{}", stdout(&lint));
    let text = stdout(&lint);
    assert!(
        text.contains("user.yaml:3:3: unknown key `proxy.maxDimenson`; did you mean `proxy.maxDimension`?"),
        "{text}"
    );
    assert!(text.contains("user.yaml:6:5: `dataCoord.segment.maxSize` takes an integer (default 512)"), "{text}");
    let diff = stdout(&config(&["diff", file.to_str().unwrap()]));
    assert!(diff.contains("proxy.maxDimension: 32768 -> 1024"), "{diff}");

    std::fs::write(&file, "proxy:\n  maxDimension: [1024\n").unwrap();
    let broken = config(&["lint", file.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(4), "{}", stderr(&broken));
    assert!(stderr(&broken).contains("user.yaml:"), "the error names the file and where: {}", stderr(&broken));
}

/// Waits (up to 30 s) until process `pid` has a SIGINT handler: bit 2 of the
/// `SigCgt` mask in /proc/<pid>/status.
fn wait_until_it_catches_sigint(pid: u32) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let caught = status
            .lines()
            .find_map(|line| line.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap_or(0);
        if caught & (1 << (libc::SIGINT - 1)) != 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("process {pid} installed no SIGINT handler within 30 s");
}
