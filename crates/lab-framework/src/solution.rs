//! Running a lab's scripts (the reference solution, the wrong answers) the way
//! a learner would: in their folder, with the environment `cargo xtask env` prints.

use std::fs::File;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// How long a script may run. The slowest reference solution takes about two
/// minutes on a loaded CI machine; a script past this waits on something that
/// never comes (a load whose segments are gone waits forever), and one hung
/// trial must not hold verify-all, and CI, until its global limit.
const SCRIPT_LIMIT: Duration = Duration::from_secs(480);

/// The `cargo xtask` binary that is running, once xtask declares it.
static XTASK_BINARY: OnceLock<PathBuf> = OnceLock::new();

/// Scripts' `cargo xtask …` runs `binary` itself instead of going through
/// cargo. Through cargo, one nested call that decided to rebuild held the
/// build lock while parallel trials queued behind it (in CI the dashboard's
/// three trials each waited 100 s for their `cargo xtask dashboard`); a
/// script has nothing to build, the binary running it is the one it asks for.
pub fn serve_cargo_xtask_with(binary: PathBuf) {
    // Set once at start; a second call would name the same binary.
    let _ = XTASK_BINARY.set(binary);
}

pub(crate) fn run_script(script: &Path, env: &[(String, String)], work_dir: &Path, log: &Path) -> Result<()> {
    run_script_within(script, env, work_dir, log, SCRIPT_LIMIT, XTASK_BINARY.get().map(PathBuf::as_path))
}

fn run_script_within(
    script: &Path,
    env: &[(String, String)],
    work_dir: &Path,
    log: &Path,
    limit: Duration,
    xtask: Option<&Path>,
) -> Result<()> {
    let solution_dir = script.parent().context("a script has a parent folder")?;
    let log_dir = log.parent().context("a log has a parent folder")?;
    std::fs::create_dir_all(log_dir).with_context(|| format!("cannot create {}", log_dir.display()))?;
    // Both streams go straight to the log, so a killed script still leaves
    // what it printed.
    let output = File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
    let errors = output.try_clone().with_context(|| format!("cannot reopen {}", log.display()))?;
    let mut command = Command::new("bash");
    for name in outer_cargo_variables() {
        command.env_remove(name);
    }
    command.arg(script).current_dir(work_dir).envs(env.iter().map(|(k, v)| (k, v))).env("SOLUTION_DIR", solution_dir);
    if let Some(xtask) = xtask {
        let path = env.iter().find(|(name, _)| name == "PATH").map(|(_, value)| value.clone());
        let path = path.or_else(|| std::env::var("PATH").ok()).unwrap_or_default();
        let shim_dir = log_dir.join("cargo-shim");
        write_cargo_shim(&shim_dir, xtask, &path)?;
        command.env("PATH", format!("{}:{path}", shim_dir.display()));
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(output)
        .stderr(errors)
        // Its own process group: on timeout the script goes with everything
        // it started (python, docker compose).
        .process_group(0)
        .spawn()
        .with_context(|| format!("cannot run bash {}", script.display()))?;
    let status = wait_within(&mut child, limit).with_context(|| format!("waiting for bash {}", script.display()))?;
    let text = std::fs::read(log).with_context(|| format!("cannot read {}", log.display()))?;
    let tail = fixtures::python::last_lines(&String::from_utf8_lossy(&text), 15);
    match status {
        Some(status) if status.success() => Ok(()),
        Some(status) => bail!("{} failed ({status}); log {}:\n{tail}", script.display(), log.display()),
        None => bail!(
            "{} did not finish within {} s and was stopped (a wait without a limit?); log {}:\n{tail}",
            script.display(),
            limit.as_secs(),
            log.display()
        ),
    }
}

/// What `cargo run` set for this process (`CARGO`, `CARGO_PKG_NAME`, …): not
/// in a learner's shell, and a cargo command we start with them would see its
/// build fingerprints changed and rebuild everything (measured: `cargo test`
/// run by `cargo xtask test` recompiled milvus, tonic, bollard and every
/// workspace crate, 42 s).
pub fn outer_cargo_variables() -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(name, _)| name.into_string().ok())
        .filter(|name| {
            name == "CARGO"
                || name.starts_with("CARGO_PKG_")
                || matches!(
                    name.as_str(),
                    "CARGO_MANIFEST_DIR"
                        | "CARGO_MANIFEST_PATH"
                        | "CARGO_CRATE_NAME"
                        | "CARGO_BIN_NAME"
                        | "CARGO_PRIMARY_PACKAGE"
                )
        })
        .collect()
}

/// Writes into `dir` a `cargo` that runs `xtask` for `cargo xtask …` and the
/// real cargo (the first on `path`) for anything else.
fn write_cargo_shim(dir: &Path, xtask: &Path, path: &str) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let real_cargo = std::env::split_paths(path).map(|d| d.join("cargo")).find(|c| c.is_file());
    let otherwise = match real_cargo {
        Some(cargo) => format!("exec {} \"$@\"", quoted(&cargo)),
        None => "echo 'cargo: not found on PATH' >&2; exit 127".to_owned(),
    };
    let text = format!(
        "#!/bin/sh\n# Written by milvus-labs: `cargo xtask` runs the xtask binary already built.\n\
         if [ \"$1\" = xtask ]; then shift; exec {} \"$@\"; fi\n{otherwise}\n",
        quoted(xtask)
    );
    let shim = dir.join("cargo");
    std::fs::write(&shim, text).with_context(|| format!("cannot write {}", shim.display()))?;
    std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot make {} executable", shim.display()))
}

/// `path` as one single-quoted shell word.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// The child's exit status, or `None` once `limit` has passed: then its whole
/// process group is killed and reaped.
fn wait_within(child: &mut Child, limit: Duration) -> Result<Option<std::process::ExitStatus>> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if started.elapsed() >= limit {
            let group = libc::pid_t::try_from(child.id()).context("a process id fits pid_t")?;
            // SAFETY: kill(2) with a negative pid signals the process group the
            // child leads (process_group(0) above); it touches no memory.
            unsafe { libc::kill(-group, libc::SIGKILL) };
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_past_its_limit_is_stopped_with_its_children() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-script-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("hangs.sh");
        // A child that outlives a killed bash would keep this marker's pid alive.
        std::fs::write(&script, "echo started\nsleep 30 &\necho $! > child.pid\nwait\n").unwrap();
        let log = dir.join("run").join("hangs.log");

        let started = Instant::now();
        let error = run_script_within(&script, &[], &dir, &log, Duration::from_secs(1), None).unwrap_err();

        assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
        let message = format!("{error:#}");
        assert!(message.contains("did not finish within 1 s"), "{message}");
        assert!(message.contains("started"), "the log's last lines are in the error: {message}");
        let child: i32 = std::fs::read_to_string(dir.join("child.pid")).unwrap().trim().parse().unwrap();
        assert!(!running(child), "the script's child {child} survived");
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Whether `pid` runs: a killed process nobody reaped yet is a zombie
    /// (state `Z` in /proc), which no longer runs.
    fn running(pid: i32) -> bool {
        std::thread::sleep(Duration::from_millis(100));
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
        let state = stat.rsplit_once(") ").map(|(_, rest)| rest.chars().next());
        !matches!(state, Some(Some('Z' | 'X')))
    }

    #[test]
    fn a_script_sees_no_variable_of_the_cargo_run_that_started_us() {
        // `cargo test` sets them for this process, as `cargo xtask` does for verify-all.
        assert!(std::env::var("CARGO_PKG_NAME").is_ok() && std::env::var("CARGO_MANIFEST_DIR").is_ok());
        let dir = std::env::temp_dir().join(format!("milvus-labs-script-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("env.sh");
        std::fs::write(&script, "echo \"${CARGO_PKG_NAME:-unset} ${CARGO_MANIFEST_DIR:-unset} $LAB\"\n").unwrap();
        let log = dir.join("env.log");

        run_script_within(&script, &[("LAB".into(), "kept".into())], &dir, &log, SCRIPT_LIMIT, None).unwrap();

        assert_eq!(std::fs::read_to_string(&log).unwrap(), "unset unset kept\n");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn cargo_xtask_in_a_script_runs_the_running_xtask_and_other_cargo_commands_run_cargo() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-script-xtask-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let xtask = dir.join("our xtask");
        std::fs::write(&xtask, "#!/bin/sh\necho \"xtask got: $*\"\n").unwrap();
        std::fs::set_permissions(&xtask, std::fs::Permissions::from_mode(0o755)).unwrap();
        let script = dir.join("uses-cargo.sh");
        std::fs::write(&script, "cargo xtask dashboard --minutes 5\ncargo --version | cut -d' ' -f1\n").unwrap();
        let log = dir.join("run").join("uses-cargo.log");

        run_script_within(&script, &[], &dir, &log, SCRIPT_LIMIT, Some(&xtask)).unwrap();

        assert_eq!(std::fs::read_to_string(&log).unwrap(), "xtask got: dashboard --minutes 5\ncargo\n");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failing_script_names_its_log_and_status() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-script-fails-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("fails.sh");
        std::fs::write(&script, "echo 'about to fail'\nexit 3\n").unwrap();
        let log = dir.join("fails.log");

        let message = format!("{:#}", run_script_within(&script, &[], &dir, &log, SCRIPT_LIMIT, None).unwrap_err());

        assert!(message.contains("exit status: 3") && message.contains("about to fail"), "{message}");
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "about to fail\n");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
