use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use fixtures::python::Venv;
use fixtures::{FixtureHandle, LiteServer, Setting};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{MilvusVersion, Mode};

/// The ten phases of the course, by number.
pub const PHASES: [&str; 10] = [
    "Introduction and architecture",
    "Deployment",
    "Dependencies: etcd, object storage, message queue",
    "Configuration",
    "Data operations",
    "Scaling and cluster operations",
    "Performance",
    "Security",
    "Backup and recovery",
    "Monitoring and troubleshooting",
];

/// What a phase leaves the learner able to do, and the phases it builds on:
/// the book's roadmap.
pub struct PhaseGuide {
    pub outcome: &'static str,
    pub builds_on: &'static [u8],
}

/// One guide per phase, in the order of `PHASES`.
pub const PHASE_GUIDES: [PhaseGuide; 10] = [
    PhaseGuide {
        outcome: "name every Milvus component and what it stores, find a collection's metadata in etcd and its \
                  data in the bucket, and predict what each consistency level returns",
        builds_on: &[],
    },
    PhaseGuide {
        outcome: "run Milvus Lite, Standalone and the Compose stack, say what each embeds, and choose the mode a \
                  project needs",
        builds_on: &[1],
    },
    PhaseGuide {
        outcome: "size, back up and restore etcd, recover from etcd out of space and an unreachable object store, \
                  and size the message queue's retention",
        builds_on: &[2],
    },
    PhaseGuide {
        outcome: "tell where a value comes from (milvus.yaml, environment, etcd), which changes apply live, and \
                  set write freezes, rate limits, segment sizes and the message size limit",
        builds_on: &[2],
    },
    PhaseGuide {
        outcome: "review a schema, serve tenants with partitions or a partition key, choose an index, and manage \
                  load, release, upserts, imports and deletes",
        builds_on: &[1, 2],
    },
    PhaseGuide {
        outcome: "scale query nodes under traffic, use in-memory replicas, survive a lost node and restart a \
                  cluster node by node",
        builds_on: &[3, 5],
    },
    PhaseGuide {
        outcome: "measure what batching, deletes, mmap, server-side latency and small segments do, and explain \
                  each effect from the server's own figures",
        builds_on: &[4, 5],
    },
    PhaseGuide {
        outcome: "turn on authentication, grant least privilege, serve TLS and mutual TLS, harden etcd and the \
                  object store, and audit who did what",
        builds_on: &[2, 4],
    },
    PhaseGuide {
        outcome: "take cold and logical backups, know what a backup misses, restore users and roles, and migrate \
                  a collection to another cluster",
        builds_on: &[3, 8],
    },
    PhaseGuide {
        outcome: "scrape Milvus with Prometheus, write alert rules that fire, change log levels live, chart a \
                  dashboard, and solve outages from their symptoms",
        builds_on: &[3, 4],
    },
];

pub fn phase_title(phase: u8) -> &'static str {
    PHASES.get(usize::from(phase).wrapping_sub(1)).copied().unwrap_or("unknown phase")
}

/// What a lab needs on the machine before it can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Python 3.10+ with venv, for the managed virtual environment.
    Python,
    /// A reachable Docker daemon.
    Docker,
    /// Docker Compose v2 (`docker compose`).
    Compose,
    /// The image of this logical name (`milvus`, `etcd`, `object-store`) in the
    /// active profile, present on this machine.
    Image(&'static str),
    /// At least this much available memory, in MiB.
    MemoryMib(u64),
}

/// What one deployment of a lab holds in memory while it runs, in MiB: verify-all
/// starts a trial only while the trials running and it fit the memory budget.
/// Measured on the offline profile (2.3.5): six trials of a full verify-all
/// raised the machine's used memory from 571 to at most 2350 MiB, about 300 MiB
/// a trial with its scripts; Lite's server peaks near 190 MiB. The values keep
/// about half as much again in reserve. The brokers were never run here (no
/// registry): theirs is the JVM heap they are started with, plus Milvus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight(pub u64);

impl Weight {
    /// Milvus Lite's server and a pymilvus script.
    pub const LITE: Weight = Weight(300);
    /// One Milvus container with embedded etcd, and a script.
    pub const STANDALONE: Weight = Weight(400);
    /// Milvus, etcd and the object store in Compose, and a script.
    pub const COMPOSE: Weight = Weight(500);
    /// The Compose stack with a second Milvus on the same etcd and bucket.
    pub const COMPOSE_TWO_MILVUS: Weight = Weight(750);
    /// The Compose stack with Prometheus beside it, which keeps a few thousand
    /// series of one Milvus (measured near 60 MiB idle).
    pub const COMPOSE_MONITORED: Weight = Weight(600);
    /// The Compose stack with a JVM broker (Kafka, Pulsar) beside Milvus.
    pub const COMPOSE_WITH_BROKER: Weight = Weight(1600);
    /// The cluster: six Milvus processes (three query nodes at most), etcd,
    /// the object store and tansu, and a search loop. Measured: 420 MiB of
    /// cgroup memory with two query nodes and a loaded collection.
    pub const CLUSTER: Weight = Weight(900);

    pub fn mib(self) -> u64 {
        self.0
    }
}

impl Requirement {
    /// What a lab on one Standalone container needs, Python for its scripts included.
    pub const STANDALONE_LAB: &'static [Requirement] =
        &[Requirement::Docker, Requirement::Image("milvus"), Requirement::Python, Requirement::MemoryMib(2048)];
    /// What a lab on the Compose stack needs, Python for its scripts included.
    pub const COMPOSE_LAB: &'static [Requirement] = &[
        Requirement::Docker,
        Requirement::Compose,
        Requirement::Image("milvus"),
        Requirement::Image("etcd"),
        Requirement::Image("object-store"),
        Requirement::Python,
        Requirement::MemoryMib(2048),
    ];
    /// The same with a second Milvus on the stack's etcd and bucket.
    pub const COMPOSE_TWO_MILVUS_LAB: &'static [Requirement] = &[
        Requirement::Docker,
        Requirement::Compose,
        Requirement::Image("milvus"),
        Requirement::Image("etcd"),
        Requirement::Image("object-store"),
        Requirement::Python,
        Requirement::MemoryMib(3072),
    ];
    /// The cluster (`Mode::Cluster`), with Python for its scripts.
    pub const CLUSTER_LAB: &'static [Requirement] = &[
        Requirement::Docker,
        Requirement::Compose,
        Requirement::Image("milvus"),
        Requirement::Image("etcd"),
        Requirement::Image("object-store"),
        Requirement::Image("cluster-queue"),
        Requirement::Python,
        Requirement::MemoryMib(2048),
    ];
    /// The Compose stack with Prometheus (`Setting::Prometheus`).
    pub const MONITORED_COMPOSE_LAB: &'static [Requirement] = &[
        Requirement::Docker,
        Requirement::Compose,
        Requirement::Image("milvus"),
        Requirement::Image("etcd"),
        Requirement::Image("object-store"),
        Requirement::Image("prometheus"),
        Requirement::Python,
        Requirement::MemoryMib(2048),
    ];
}

/// Static facts about a lab. Its files follow one layout, relative to `crate_dir`:
/// `exercises/<slug>/` (copied to the learner's folder) and `solutions/<slug>/`
/// (`solve.sh`, `wrong-*.sh` for plausible wrong answers, `wrong-first-*.sh`
/// for wrong answers the solution can follow on the same deployment,
/// `wrong-fact-*.sh` for wrong facts written into an otherwise solved lab).
/// Its instructions are `content/<id>.md`.
#[derive(Debug)]
pub struct LabMeta {
    /// `phase2/lite-quickstart`: the phase folder, then the slug.
    pub id: &'static str,
    pub title: &'static str,
    pub phase: u8,
    pub mode: Mode,
    /// What its deployment costs while it runs; verify-all schedules by it.
    pub weight: Weight,
    /// About how long the lab takes a learner, for the book's roadmap.
    pub minutes: u16,
    /// The architecture diagram's boxes (`crate::components`) whose work the
    /// learner sees in this lab; the book links each box to its labs.
    pub components: &'static [&'static str],
    pub versions: &'static [MilvusVersion],
    pub requirements: &'static [Requirement],
    /// Changes to the dependencies' configuration the lab needs (most need none).
    pub settings: &'static [Setting],
    /// The phase crate's directory (`env!("CARGO_MANIFEST_DIR")`).
    pub crate_dir: &'static str,
    /// The names of the check's assertions, in report order. The lab's page is
    /// generated from them, and verify-all fails if a passing report differs.
    pub assertions: &'static [&'static str],
}

impl LabMeta {
    pub fn slug(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(_, slug)| slug)
    }

    pub fn exercises_dir(&self) -> PathBuf {
        Path::new(self.crate_dir).join("exercises").join(self.slug())
    }

    pub fn solutions_dir(&self) -> PathBuf {
        Path::new(self.crate_dir).join("solutions").join(self.slug())
    }

    pub fn content_file(&self, repo_root: &Path) -> PathBuf {
        repo_root.join("content").join(format!("{}.md", self.id))
    }

    /// The declared versions that verify-all has proven: those with a report
    /// snapshot (written only when the solution passed on that version).
    /// The others are declared, not verified.
    pub fn verified_versions(&self) -> Vec<MilvusVersion> {
        let snapshots = Path::new(self.crate_dir).join("snapshots");
        self.versions
            .iter()
            .copied()
            .filter(|version| {
                let name = crate::runner::snapshot_name(self, *version);
                snapshots.join(format!("{name}.snap")).is_file()
            })
            .collect()
    }

    /// The versions as the list and the book show them: `2.3 ✓` for verified,
    /// `2.5` for declared only.
    pub fn versions_label(&self) -> String {
        let verified = self.verified_versions();
        let label =
            |v: &MilvusVersion| if verified.contains(v) { format!("{} ✓", v.label()) } else { v.label().to_owned() };
        self.versions.iter().map(label).collect::<Vec<_>>().join(", ")
    }

    /// The plausible wrong answers that need a fresh setup
    /// (`solutions/<slug>/wrong-*.sh`, but neither `wrong-first-*.sh` nor
    /// `wrong-fact-*.sh`), sorted by name.
    pub fn wrong_answers(&self) -> Result<Vec<PathBuf>> {
        Ok(self.solution_scripts("wrong-")?.into_iter().filter(|path| !shares_the_solution_trial(path)).collect())
    }

    /// The plausible wrong answers a learner may try first
    /// (`solutions/<slug>/wrong-first-*.sh`), sorted by name: they leave a
    /// state the reference solution still solves from, so they run on the
    /// solution's deployment before it, as a learner goes from a failed
    /// check to the fix, instead of on a setup of their own.
    pub fn wrong_first_answers(&self) -> Result<Vec<PathBuf>> {
        self.solution_scripts("wrong-first-")
    }

    /// The plausible wrong facts (`solutions/<slug>/wrong-fact-*.sh`), sorted
    /// by name: each only rewrites the learner's answer files, so it runs on
    /// the solved lab instead of repeating the whole task on a fresh setup.
    pub fn wrong_facts(&self) -> Result<Vec<PathBuf>> {
        self.solution_scripts("wrong-fact-")
    }

    fn solution_scripts(&self, prefix: &str) -> Result<Vec<PathBuf>> {
        let dir = self.solutions_dir();
        let mut scripts = Vec::new();
        for entry in std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with(prefix) && name.ends_with(".sh") {
                scripts.push(path);
            }
        }
        scripts.sort();
        Ok(scripts)
    }
}

/// Whether a `wrong-*.sh` runs on a deployment it shares with the solution.
fn shares_the_solution_trial(script: &std::path::Path) -> bool {
    let name = script.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.starts_with("wrong-fact-") || name.starts_with("wrong-first-")
}

/// A lab: its facts, how to seed its starting state, and its check.
///
/// Setup, the learner's folder, the solution and teardown are the runner's job;
/// a lab only knows the fixture through [`LabContext`].
pub trait Lab: Sync {
    fn meta(&self) -> &'static LabMeta;

    /// Seeds the starting state on a running fixture. Runs on every setup, so it
    /// must leave an already seeded fixture as it is. A drill may break the
    /// fixture here (`LabContext::reconfigure_milvus`), after recording its data.
    fn seed(&self, _ctx: &mut LabContext) -> Result<()> {
        Ok(())
    }

    /// What a learner needs to connect besides the endpoints (a token, the
    /// paths of certificates the task makes), as environment variables that
    /// `cargo xtask env` exports. Never a secret the learner chose.
    fn connection(&self, _ctx: &LabContext) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Reads live state and says what holds. Must not trust anything the
    /// solution reports about itself.
    fn check(&self, ctx: &LabContext) -> Result<Vec<crate::Assertion>>;
}

/// One answer from a parsed answers file (`LabContext::answers`) as a check
/// compares it: `field`'s text, or why the file could not be read.
pub fn answer<T>(answers: &std::result::Result<T, String>, field: impl FnOnce(&T) -> String) -> String {
    match answers {
        Ok(answers) => field(answers),
        Err(error) => error.clone(),
    }
}

/// What a lab step may use: the running fixture, the learner's folder, the
/// run folder for what the lab records itself (out of the learner's way), and
/// the Python venv when the lab needs Python.
pub struct LabContext {
    pub fixture: FixtureHandle,
    pub work_dir: PathBuf,
    pub run_dir: PathBuf,
    pub venv: Option<Venv>,
}

impl LabContext {
    pub fn milvus(&self) -> Result<probes::Milvus> {
        self.fixture.milvus()
    }

    /// The deployment's etcd (Standalone's embedded one, or Compose's service).
    pub fn etcd(&self) -> Result<probes::Etcd> {
        let endpoint = self.fixture.endpoints.etcd.as_deref();
        probes::Etcd::connect(
            endpoint.with_context(|| format!("a {} deployment has no etcd endpoint", self.fixture.mode))?,
        )
    }

    /// The deployment's object store, with the stack's credentials (Compose).
    pub fn object_store(&self) -> Result<probes::ObjectStore> {
        let endpoint = self.fixture.endpoints.object_store.as_deref();
        probes::ObjectStore::connect(
            endpoint.with_context(|| format!("a {} deployment has no object store", self.fixture.mode))?,
            fixtures::OBJECT_STORE_ACCESS_KEY,
            fixtures::OBJECT_STORE_SECRET_KEY,
        )
    }

    /// Serves the Milvus Lite folder `relative` (in the learner's folder) until
    /// the returned server is dropped: a lab that reads or seeds a Lite file
    /// beside its deployment.
    pub fn lite_file(&self, relative: &str) -> Result<LiteServer> {
        let venv = self.venv.as_ref().context("a lab that reads a Lite file needs Requirement::Python")?;
        LiteServer::serve(venv, &self.work_dir.join(relative), &self.run_dir.join("lite-file.log"))
    }

    /// Restarts Milvus with `settings` on top of the lab's own and does not wait
    /// for it to turn healthy.
    pub fn reconfigure_milvus(&mut self, settings: &[Setting]) -> Result<()> {
        self.fixture.reconfigure_milvus(&self.run_dir, settings)
    }

    /// Restarts Milvus as configured and waits until it answers.
    pub fn restart_milvus(&mut self) -> Result<()> {
        self.fixture.restart_milvus(&self.run_dir)
    }

    /// Parses a TOML answers file from the learner's folder. The error names the
    /// file and the line, for the assertion's observed value.
    pub fn answers<T: DeserializeOwned>(&self, file: &str) -> std::result::Result<T, String> {
        let path = self.work_dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {file}: {e}"))?;
        toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|span| text[..span.start].matches('\n').count() + 1);
            match line {
                Some(line) => format!("{file} line {line}: {}", e.message()),
                None => format!("{file}: {}", e.message()),
            }
        })
    }

    /// Keeps what the seed saw of this deployment (who served a channel, where
    /// a version keeps its log) in the run folder, where the learner's tools do
    /// not write, for the check to compare against.
    pub fn save_setup_record<T: Serialize>(&self, file: &str, record: &T) -> Result<()> {
        let path = self.run_dir.join(file);
        let stamped = SetupRecord { fixture_started: self.fixture.started.clone(), record };
        let text = serde_json::to_string_pretty(&stamped).context("cannot encode the setup record")?;
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The record `save_setup_record` kept for the running deployment; `None`
    /// when there is none, or it belongs to an earlier deployment.
    pub fn setup_record<T: DeserializeOwned>(&self, file: &str) -> Result<Option<T>> {
        let path = self.run_dir.join(file);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let malformed = || format!("{} is malformed", path.display());
        // An earlier deployment's record is stale whatever its shape (an older
        // checkout's, say): only the deployment is read before the record.
        let stamp: serde_json::Value = serde_json::from_str(&text).with_context(malformed)?;
        if stamp["fixture_started"].as_str() != Some(self.fixture.started.as_str()) {
            return Ok(None);
        }
        let stamped: SetupRecord<T> = serde_json::from_str(&text).with_context(malformed)?;
        Ok(Some(stamped.record))
    }
}

/// A setup record with the deployment it describes (`FixtureHandle::started`).
#[derive(Serialize, Deserialize)]
struct SetupRecord<T> {
    fixture_started: String,
    record: T,
}

#[cfg(test)]
mod tests {
    use super::*;
    use fixtures::{Endpoints, FixtureHandle};

    fn context(dir: &Path) -> LabContext {
        let fixture = FixtureHandle {
            mode: Mode::Lite,
            version: MilvusVersion::Lite3_2,
            endpoints: Endpoints {
                milvus_uri: "http://127.0.0.1:1".into(),
                http: None,
                etcd: None,
                object_store: None,
                second_milvus: None,
                prometheus: None,
            },
            pid: None,
            container: None,
            compose_project: None,
            compose_files: Vec::new(),
            compose_variables: Default::default(),
            message_queue: fixtures::MessageQueue::Rocksmq,
            started: String::new(),
            log: None,
            etcd_image: None,
        };
        LabContext { fixture, work_dir: dir.to_owned(), run_dir: dir.to_owned(), venv: None }
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Answers {
        count: u32,
    }

    #[test]
    fn a_malformed_answers_file_names_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-answers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("answers.toml"), "# my answers\n\ncount = \"twelve\"\n").unwrap();
        let error = context(&dir).answers::<Answers>("answers.toml").unwrap_err();
        assert!(error.starts_with("answers.toml line 3: "), "{error}");
        let error = context(&dir).answers::<Answers>("missing.toml").unwrap_err();
        assert!(error.starts_with("cannot read missing.toml"), "{error}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_setup_record_belongs_to_the_deployment_that_saved_it() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-setup-record-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut ctx = context(&dir);
        assert_eq!(ctx.setup_record::<Vec<i64>>("seen.json").unwrap(), None);
        ctx.fixture.started = "1".into();
        ctx.save_setup_record("seen.json", &vec![5, 7]).unwrap();
        assert_eq!(ctx.setup_record::<Vec<i64>>("seen.json").unwrap(), Some(vec![5, 7]));
        ctx.fixture.started = "2".into();
        assert_eq!(ctx.setup_record::<Vec<i64>>("seen.json").unwrap(), None, "a new deployment makes it stale");
        std::fs::write(dir.join("old.json"), r#"{"fixture_started": "1", "channel": "v0"}"#).unwrap();
        assert_eq!(ctx.setup_record::<Vec<i64>>("old.json").unwrap(), None, "an older shape, stale all the same");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn wrong_answers_are_sorted_by_where_they_run() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-wrong-kinds-{}", std::process::id()));
        let solutions = dir.join("solutions").join("kinds");
        std::fs::create_dir_all(&solutions).unwrap();
        for name in ["solve.sh", "wrong-fresh.sh", "wrong-first-tried.sh", "wrong-fact-figure.sh", "wrong-notes.txt"] {
            std::fs::write(solutions.join(name), "").unwrap();
        }
        let meta = LabMeta {
            id: "phase1/kinds",
            title: "",
            phase: 1,
            mode: Mode::Lite,
            weight: Weight::LITE,
            minutes: 1,
            components: &[],
            versions: &[],
            requirements: &[],
            settings: &[],
            crate_dir: Box::leak(dir.to_string_lossy().into_owned().into_boxed_str()),
            assertions: &[],
        };
        let names = |scripts: Vec<PathBuf>| -> Vec<String> {
            scripts.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
        };
        assert_eq!(names(meta.wrong_answers().unwrap()), ["wrong-fresh.sh"], "a trial of its own");
        assert_eq!(names(meta.wrong_first_answers().unwrap()), ["wrong-first-tried.sh"], "before the solution");
        assert_eq!(names(meta.wrong_facts().unwrap()), ["wrong-fact-figure.sh"], "on the solved lab");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
