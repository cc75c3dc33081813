//! Nothing lost: a drill that breaks, restarts or restores a dependency records,
//! before the break, each collection's row count and a digest of its primary
//! keys; its check compares them with the live ones afterwards.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::{Assertion, LabContext};

/// Which Milvus of the deployment a baseline describes: most deployments have
/// one; a lab with `Setting::SecondMilvus` has two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Instance {
    #[default]
    First,
    Second,
}

impl Instance {
    /// Kept in the run folder, where the learner's tools do not write.
    fn file(self) -> &'static str {
        match self {
            Instance::First => "baseline.toml",
            Instance::Second => "baseline-second.toml",
        }
    }

    pub fn milvus(self, ctx: &LabContext) -> Result<probes::Milvus> {
        match self {
            Instance::First => ctx.milvus(),
            Instance::Second => ctx.fixture.second_milvus(),
        }
    }
}

/// What a collection held before the drill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionFacts {
    pub name: String,
    /// The collection's id: its folders in the bucket are named by it. Not
    /// compared: a re-created collection gets a new one.
    #[serde(default)]
    pub id: i64,
    pub primary_key: String,
    pub rows: u64,
    /// FNV-1a of the sorted primary keys: equal digests, equal key sets.
    pub key_digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The deployment it was recorded on (`FixtureHandle::started`); a new
    /// deployment makes it stale.
    pub fixture_started: String,
    #[serde(default)]
    pub instance: Instance,
    pub collections: Vec<CollectionFacts>,
}

impl Baseline {
    /// Reads the live facts of `collections` (name, primary-key field) on `instance`.
    pub fn record(ctx: &LabContext, instance: Instance, collections: &[(&str, &str)]) -> Result<Baseline> {
        let milvus = instance.milvus(ctx)?;
        let collections = collections
            .iter()
            .map(|(name, primary_key)| live_facts(&milvus, name, primary_key))
            .collect::<Result<_>>()?;
        Ok(Baseline { fixture_started: ctx.fixture.started.clone(), instance, collections })
    }

    /// A baseline of facts the seed knows without reading them back: the ids
    /// it wrote (`CollectionFacts::of_keys`), on a server that cannot count.
    pub fn of(ctx: &LabContext, instance: Instance, collections: Vec<CollectionFacts>) -> Baseline {
        Baseline { fixture_started: ctx.fixture.started.clone(), instance, collections }
    }

    pub fn save(&self, ctx: &LabContext) -> Result<()> {
        let path = ctx.run_dir.join(self.instance.file());
        let text = toml::to_string(self).context("cannot encode the baseline")?;
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The baseline recorded on the running deployment, if any. A seed that
    /// finds one leaves the drill as it is, even half done.
    pub fn load(ctx: &LabContext, instance: Instance) -> Result<Option<Baseline>> {
        let path = ctx.run_dir.join(instance.file());
        let baseline: Baseline = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).with_context(|| format!("{} is malformed", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        Ok(Some(baseline).filter(|b| b.fixture_started == ctx.fixture.started))
    }

    /// The baseline a check compares against; its absence is an error that
    /// names the fix.
    pub fn required(ctx: &LabContext, instance: Instance) -> Result<Baseline> {
        Baseline::load(ctx, instance)?.context("this deployment has no baseline; `cargo xtask reset` seeds one")
    }

    /// The baseline without `collection`: a drill that drops it on purpose.
    pub fn excluding(mut self, collection: &str) -> Baseline {
        self.collections.retain(|facts| facts.name != collection);
        self
    }

    /// The same facts, expected on `instance` under the name `target`: a
    /// restore or migration of `collection` into another cluster.
    pub fn restored_as(mut self, collection: &str, instance: Instance, target: &str) -> Baseline {
        self.collections.retain(|facts| facts.name == collection);
        for facts in &mut self.collections {
            facts.name = target.to_owned();
        }
        self.instance = instance;
        self
    }

    /// One assertion named `name` (one of the lab's declared assertions): every
    /// collection has the same row count and the same primary keys as before.
    /// `hint` is the lab's own; a collection that is there but not loaded gets
    /// the hint to load it instead, since that is what the learner skipped.
    pub fn compare(&self, ctx: &LabContext, name: &str, hint: &str) -> Assertion {
        let expected = self.collections.iter().map(describe).collect::<Vec<_>>().join("; ");
        let live = self.instance.milvus(ctx).and_then(|milvus| {
            self.collections
                .iter()
                .map(|before| live_facts(&milvus, &before.name, &before.primary_key))
                .collect::<Result<Vec<_>>>()
        });
        match live {
            Ok(after) => {
                Assertion::equal(name, expected, after.iter().map(describe).collect::<Vec<_>>().join("; "), hint)
            }
            Err(error) if format!("{error:#}").contains("not loaded") => Assertion::probe_failed(
                name,
                expected,
                &error,
                "load each collection before reading it: client.load_collection(name) (a restart starts unloaded)",
            ),
            Err(error) => Assertion::probe_failed(name, expected, &error, hint),
        }
    }
}

fn describe(facts: &CollectionFacts) -> String {
    format!("{}: {} rows, keys {}", facts.name, facts.rows, facts.key_digest)
}

impl std::fmt::Display for CollectionFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&describe(self))
    }
}

impl CollectionFacts {
    /// What `name` holds now on `milvus` (any Milvus: a deployment's, or a
    /// Lite file a lab serves); an absent collection has no rows.
    pub fn live(milvus: &probes::Milvus, name: &str, primary_key: &str) -> Result<CollectionFacts> {
        live_facts(milvus, name, primary_key)
    }

    /// What `name` holds when its rows are exactly those with `keys`: a seed
    /// that knows the ids it wrote, or a collection too broken to read yet.
    pub fn of_keys(name: &str, primary_key: &str, mut keys: Vec<i64>) -> CollectionFacts {
        keys.sort_unstable();
        CollectionFacts {
            name: name.to_owned(),
            id: 0,
            primary_key: primary_key.to_owned(),
            rows: keys.len() as u64,
            key_digest: key_digest(&keys),
        }
    }
}

fn live_facts(milvus: &probes::Milvus, name: &str, primary_key: &str) -> Result<CollectionFacts> {
    if !milvus.has_collection(name)? {
        return Ok(CollectionFacts {
            name: name.to_owned(),
            id: 0,
            primary_key: primary_key.to_owned(),
            rows: 0,
            key_digest: "none (no such collection)".to_owned(),
        });
    }
    let keys = milvus.primary_keys(name, primary_key, &format!("{primary_key} >= 0"))?;
    Ok(CollectionFacts {
        name: name.to_owned(),
        id: milvus.describe_collection(name)?.id,
        primary_key: primary_key.to_owned(),
        rows: milvus.count(name)?,
        key_digest: key_digest(&keys),
    })
}

/// FNV-1a over the sorted keys: small, stable across Rust versions, no
/// dependency. Equal digests, equal key sets.
fn key_digest(sorted_keys: &[i64]) -> String {
    let hash = sorted_keys
        .iter()
        .flat_map(|key| key.to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn digest_tells_key_sets_apart() {
        assert_eq!(super::key_digest(&[1, 2, 3]), super::key_digest(&[1, 2, 3]));
        assert_ne!(super::key_digest(&[1, 2, 3]), super::key_digest(&[1, 2]));
        assert_ne!(super::key_digest(&[1, 2, 3]), super::key_digest(&[1, 2, 4]));
        assert_eq!(super::key_digest(&[]), "cbf29ce484222325");
    }
}
