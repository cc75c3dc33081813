//! How verify-all runs many trials at once: how many (the default comes from
//! the machine and the labs' weights), in which order (longest first, by the
//! last run's durations), and never more than the memory budget holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::{Mode, Weight};

/// Trials per core: a trial mostly waits (containers starting, Milvus's first
/// call, flushes), so a core keeps several busy. Measured: three Phase 3 labs
/// at once kept the load average near 0.5 on 2 cores.
pub const TRIALS_PER_CORE: usize = 3;
/// The share of available memory running trials may hold; the rest is for the
/// build, the page cache and whatever else the machine runs.
const MEMORY_SHARE: (u64, u64) = (3, 4);

/// How many trials may run at once, and the memory they may hold together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub jobs: usize,
    pub memory_budget_mib: u64,
    /// Where `jobs` came from, for the user.
    pub reason: String,
}

impl Plan {
    /// The default: `TRIALS_PER_CORE` per core, fewer if the heaviest trial
    /// does not fit that often into three quarters of the available memory.
    pub fn for_machine(cores: usize, available_mib: u64, heaviest: Weight) -> Plan {
        let memory_budget_mib = available_mib * MEMORY_SHARE.0 / MEMORY_SHARE.1;
        let by_cores = cores.max(1) * TRIALS_PER_CORE;
        let by_memory = usize::try_from(memory_budget_mib / heaviest.mib().max(1)).unwrap_or(usize::MAX).max(1);
        let jobs = by_cores.min(by_memory);
        let reason = if by_cores <= by_memory {
            format!("{TRIALS_PER_CORE} per core on {cores} cores")
        } else {
            format!("{by_memory} trials of {} MiB fit in {memory_budget_mib} MiB", heaviest.mib())
        };
        Plan { jobs, memory_budget_mib, reason }
    }

    /// `--jobs N`: the count is the user's; the memory budget still holds.
    pub fn with_jobs(jobs: usize, available_mib: u64) -> Plan {
        let memory_budget_mib = available_mib * MEMORY_SHARE.0 / MEMORY_SHARE.1;
        Plan { jobs: jobs.max(1), memory_budget_mib, reason: "--jobs".to_owned() }
    }
}

/// One unit of work for the scheduler.
pub struct Task<T> {
    /// Tasks of one group (a lab's trials) start one after another, so the
    /// group's time stays close to its longest task.
    pub group: usize,
    pub weight: Weight,
    pub estimate: Duration,
    pub work: T,
}

/// Runs every task on up to `plan.jobs` threads, longest group first (by its
/// longest estimate), and within a group longest first. A task
/// starts only while the weights running and its own fit the memory budget (a
/// task heavier than the budget runs alone). Returns the results in the
/// order the tasks were given.
pub fn run<T: Sync, R: Send>(plan: &Plan, tasks: &[Task<T>], run_one: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let mut longest_of_group: BTreeMap<usize, Duration> = BTreeMap::new();
    for task in tasks {
        let longest = longest_of_group.entry(task.group).or_default();
        *longest = (*longest).max(task.estimate);
    }
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.sort_by_key(|&i| {
        let task = &tasks[i];
        (std::cmp::Reverse(longest_of_group[&task.group]), task.group, std::cmp::Reverse(task.estimate))
    });
    struct State {
        queue: Vec<usize>,
        running: usize,
        weight: u64,
    }
    let state = Mutex::new(State { queue: order, running: 0, weight: 0 });
    let changed = Condvar::new();
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..tasks.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..plan.jobs.min(tasks.len()) {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
                        loop {
                            if guard.queue.is_empty() {
                                return;
                            }
                            let fits = |i: &usize| {
                                guard.running == 0 || guard.weight + tasks[*i].weight.mib() <= plan.memory_budget_mib
                            };
                            if let Some(position) = guard.queue.iter().position(fits) {
                                let index = guard.queue.remove(position);
                                guard.running += 1;
                                guard.weight += tasks[index].weight.mib();
                                break index;
                            }
                            guard = changed.wait(guard).unwrap_or_else(|p| p.into_inner());
                        }
                    };
                    let result = run_one(&tasks[index].work);
                    results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(result);
                    let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
                    guard.running -= 1;
                    guard.weight -= tasks[index].weight.mib();
                    changed.notify_all();
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.into_iter().map(|r| r.expect("every task ran")).collect()
}

/// The last run's time of each trial (`.labs/verify/durations.txt`): one line
/// `<lab-id> <trial> <seconds>`, for humans too. Missing or unreadable lines
/// only cost the order, never the run.
pub struct Durations {
    path: PathBuf,
    seconds: BTreeMap<(String, String), f64>,
}

impl Durations {
    pub fn load(state_root: &Path) -> Durations {
        let path = state_root.join("verify").join("durations.txt");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let seconds = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let (lab, trial, seconds) = (fields.next()?, fields.next()?, fields.next()?.parse().ok()?);
                Some(((lab.to_owned(), trial.to_owned()), seconds))
            })
            .collect();
        Durations { path, seconds }
    }

    /// The last run's time, or a guess from the lab's mode.
    pub fn estimate(&self, lab: &str, trial: &str, mode: Mode) -> Duration {
        match self.seconds.get(&(lab.to_owned(), trial.to_owned())) {
            Some(seconds) => Duration::from_secs_f64(*seconds),
            None => default_estimate(mode),
        }
    }

    pub fn record(&mut self, lab: &str, trial: &str, elapsed: Duration) {
        self.seconds.insert((lab.to_owned(), trial.to_owned()), elapsed.as_secs_f64());
    }

    pub fn save(&self) -> Result<()> {
        let mut text =
            String::from("# verify-all: each trial's time in the last run, in seconds (longest start first)\n");
        for ((lab, trial), seconds) in &self.seconds {
            text.push_str(&format!("{lab} {trial} {seconds:.1}\n"));
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&self.path, text).with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// A trial's typical time by mode, before any run was recorded.
fn default_estimate(mode: Mode) -> Duration {
    Duration::from_secs(match mode {
        Mode::Lite => 8,
        Mode::Standalone => 30,
        Mode::Compose => 45,
        Mode::Cluster => 90,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    use std::time::Instant;

    #[test]
    fn the_default_is_three_per_core_unless_memory_is_short() {
        let plan = Plan::for_machine(2, 24 * 1024, Weight::COMPOSE);
        assert_eq!(plan.jobs, 6, "{plan:?}");
        assert_eq!(plan.memory_budget_mib, 18 * 1024);
        let plan = Plan::for_machine(8, 2048, Weight::COMPOSE);
        assert_eq!(plan.jobs, 3, "1536 MiB holds three Compose stacks of 500 MiB: {plan:?}");
        assert_eq!(Plan::for_machine(1, 100, Weight::COMPOSE).jobs, 1, "never less than one");
    }

    #[test]
    fn longest_estimates_start_first_and_weights_stay_inside_the_budget() {
        let plan = Plan { jobs: 3, memory_budget_mib: 1000, reason: String::new() };
        let tasks: Vec<Task<usize>> = [(10, 600), (30, 600), (20, 300), (5, 300)]
            .iter()
            .enumerate()
            .map(|(i, &(ms, mib))| Task { group: i, weight: Weight(mib), estimate: Duration::from_millis(ms), work: i })
            .collect();
        let running = AtomicU64::new(0);
        let peak = AtomicU64::new(0);
        let started = Mutex::new(Vec::new());
        let at = Instant::now();
        let results = run(&plan, &tasks, |&i| {
            started.lock().unwrap().push((i, at.elapsed()));
            let now = running.fetch_add(tasks[i].weight.mib(), Ordering::SeqCst) + tasks[i].weight.mib();
            peak.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(40));
            running.fetch_sub(tasks[i].weight.mib(), Ordering::SeqCst);
            i * 10
        });
        assert_eq!(results, [0, 10, 20, 30], "results come back in the given order");
        assert!(peak.load(Ordering::SeqCst) <= 1000, "peak {} MiB", peak.load(Ordering::SeqCst));
        let started = started.into_inner().unwrap();
        assert_eq!(started[0].0, 1, "the longest estimate starts first: {started:?}");
    }

    #[test]
    fn a_groups_tasks_start_together_longest_group_first() {
        let plan = Plan { jobs: 1, memory_budget_mib: 1000, reason: String::new() };
        // (group, estimate in ms): group 1 holds the longest task.
        let tasks: Vec<Task<usize>> = [(0, 20), (1, 5), (0, 15), (1, 30), (2, 25)]
            .iter()
            .enumerate()
            .map(|(i, &(group, ms))| Task { group, weight: Weight(1), estimate: Duration::from_millis(ms), work: i })
            .collect();
        let order = Mutex::new(Vec::new());
        run(&plan, &tasks, |&i| order.lock().unwrap().push(i));
        assert_eq!(order.into_inner().unwrap(), [3, 1, 4, 0, 2]);
    }

    #[test]
    fn a_task_heavier_than_the_budget_still_runs_alone() {
        let plan = Plan { jobs: 2, memory_budget_mib: 100, reason: String::new() };
        let tasks: Vec<Task<()>> =
            (0..3).map(|group| Task { group, weight: Weight(500), estimate: Duration::ZERO, work: () }).collect();
        let count = AtomicUsize::new(0);
        run(&plan, &tasks, |_| count.fetch_add(1, Ordering::SeqCst));
        assert_eq!(count.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn durations_survive_a_save_and_guess_by_mode_otherwise() {
        let root = std::env::temp_dir().join(format!("milvus-labs-durations-{}", std::process::id()));
        let mut durations = Durations::load(&root);
        assert_eq!(durations.estimate("phase3/x", "solution", Mode::Compose), Duration::from_secs(45));
        durations.record("phase3/x", "solution", Duration::from_millis(12_340));
        durations.save().unwrap();
        let again = Durations::load(&root);
        assert_eq!(again.estimate("phase3/x", "solution", Mode::Compose), Duration::from_millis(12_300));
        std::fs::remove_dir_all(root).unwrap();
    }
}
