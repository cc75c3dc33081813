//! Command definitions only; each command's behaviour lives in `commands/`.

use clap::{Parser, Subcommand, ValueEnum};

pub const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    a check failed, or verify-all found a failing lab
  2    bad usage: unknown command, lab, phase or setting, or a lab that is not running
  3    a requirement is missing on this machine (see `cargo xtask doctor`)
  4    the environment failed: a fixture, a script or a file could not be handled
  130  interrupted (Ctrl-C); everything the command started was torn down";

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Hands-on labs for the Milvus Operations course",
    after_help = EXIT_CODES,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// List phases and labs with their mode, requirements and your progress
    List {
        /// `json` writes the labs with your progress, for the book's roadmap
        /// page (`cargo xtask list --format json > progress.json`)
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Start a lab (or the next unfinished lab of a phase) and print its task
    Lab {
        /// A lab id such as `phase2/lite-quickstart`, or a phase such as `phase2`
        target: String,
        /// Run the reference solution, then the check
        #[arg(long)]
        solve: bool,
    },
    /// Check your work on the current lab (or the one named)
    Check { lab: Option<String> },
    /// Show the hints for the current lab (or the one named)
    Hint { lab: Option<String> },
    /// Restore a lab's working folder and its environment's starting state
    Reset { lab: String },
    /// Print the running lab's endpoints as shell exports: eval "$(cargo xtask env)"
    Env { lab: Option<String> },
    /// Draw the panels of dashboard.toml from the running lab's Prometheus into dashboard.html,
    /// and export them as a Grafana dashboard (dashboard.grafana.json)
    Dashboard {
        /// The panels file (default: dashboard.toml in the lab's folder)
        #[arg(long)]
        panels: Option<std::path::PathBuf>,
        /// How far back the charts go, up to a week
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10080))]
        minutes: u32,
    },
    /// Tear down everything this workspace started
    Down,
    /// Remove every container, network and volume labelled as this workspace's, even if unrecorded
    Gc,
    /// Container images for the Docker labs
    Images {
        #[command(subcommand)]
        command: ImagesCommand,
    },
    /// For every lab: fresh setup, check fails, wrong answers fail, solution passes, snapshot matches
    VerifyAll(VerifyAllArgs),
    /// Check this machine for what the labs need, with the fix for each miss
    Doctor,
    /// milvus.yaml settings of the active image profile's Milvus version
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Build the course book from content/ into target/book (offline)
    Book {
        /// Then serve it on 127.0.0.1
        #[arg(long)]
        serve: bool,
        /// Port for --serve
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
    /// Run the unit tests, then verify-all: the project's test command
    Test {
        /// Treat labs skipped for a missing requirement as failures (CI)
        #[arg(long)]
        require_all: bool,
    },
    /// Measure the framework against a baseline in the same run
    Bench {
        #[arg(value_enum)]
        target: BenchTarget,
        /// For `verify`: only these labs (ids or phases); all by default
        labs: Vec<String>,
        /// For `verify`: trials at once instead of the computed default
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: Option<u16>,
        /// Rounds per measurement (`lite`, `fixtures`, `idle`, `kubernetes`)
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
}

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// A key's default (from the version's own milvus.yaml), its effective value and layer in the running
    /// Compose lab, whether etcd changes it live, and the course pages that teach it
    Explain { key: String },
    /// Check a milvus.yaml-style file: unknown keys (with the nearest known one), keys set in the wrong place,
    /// values of the wrong type; exits 1 when it finds any
    Lint { file: std::path::PathBuf },
    /// What a milvus.yaml-style file changes against the version's defaults
    Diff { file: std::path::PathBuf },
}

#[derive(Subcommand)]
pub enum ImagesCommand {
    /// Build the offline profile's images here, without a registry (Debian and PyPI only)
    Build {
        /// Also the Kubernetes node: Kubernetes built from Debian's source (about 9 minutes once, cached
        /// outside the clone), a node image and cluster DNS
        #[arg(long)]
        kubernetes: bool,
    },
    /// Show both profiles and which images this machine has
    List,
}

#[derive(clap::Args, Clone)]
pub struct VerifyAllArgs {
    /// Only these labs (ids like phase3/etcd-restore, or phases like phase3)
    pub labs: Vec<String>,
    /// Only the labs of this phase (1-10)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=10))]
    pub phase: Option<u8>,
    /// Only the labs of this deployment mode
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Trials to run at once. Each lab's solution is a trial on a deployment of its
    /// own, and so is each wrong answer that needs a fresh setup (not wrong-first-*
    /// or wrong-fact-*, which run in the solution's trial). Default: 3 per core (trials mostly
    /// wait), fewer if that many of the heaviest selected lab's deployments
    /// (its declared weight) do not fit in 3/4 of the available memory; the
    /// chosen value is printed. Whatever the count, a trial starts only while
    /// the running trials' weights and its own fit in that memory budget
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat labs skipped for a missing requirement as failures (CI)
    #[arg(long)]
    pub require_all: bool,
    /// Accept changed report snapshots instead of failing on them
    #[arg(long)]
    pub accept: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ModeArg {
    Lite,
    Standalone,
    Compose,
    Cluster,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BenchTarget {
    /// `lab --solve` end to end, and Lite fixture time-to-ready against a hand-started server
    Lite,
    /// Standalone, Compose and cluster fixtures' time-to-ready against bare `docker run` / `docker compose up --wait`
    Fixtures,
    /// One verify-all run: each lab's time, the trials' summed time against the wall time, leftovers
    Verify,
    /// An idle Compose stack's and cluster's CPU (their containers and the Docker daemons that probe their
    /// health) and `up --wait` time, with the files' health checks against probes every interval
    Idle,
    /// The local Kubernetes node: start to Ready (with cluster DNS) and teardown, against the bare
    /// `docker run` / `docker rm` of the same image
    Kubernetes,
}
