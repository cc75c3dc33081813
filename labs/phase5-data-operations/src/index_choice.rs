//! Choosing an index by measurement: the cheapest search setting that meets a
//! recall target. The check rebuilds nothing: it searches the live index at
//! the learner's setting and at half of it, and compares both with exact
//! neighbours it computes from the seeded data.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, IndexSummary, Milvus};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;
use serde_json::json;

pub struct IndexChoice;

// The check's assertions, in report order; the book lists them from `META`.
const INDEX_LIVE: &str = "the live index on `vectors` is choice.toml's, built on every row";
const MEETS_TARGET: &str = "recall@10 at the chosen setting reaches 0.92 (the check's own queries)";
const HALF_MISSES: &str = "half the chosen setting misses 0.92: the choice is not twice what is needed";
const TABLE_HONEST: &str = "results.csv: the chosen row's recall is within 0.05 of the check's";
const BOTH_FAMILIES: &str = "results.csv: HNSW and an IVF index, 3 settings or more each";

static META: LabMeta = LabMeta {
    id: "phase5/index-choice",
    title: "Choosing an index by measurement: recall against cost",
    phase: 5,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 30,
    components: &["indexnode", "datacoord", "querynode"],
    // Recall figures and the index types that build are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[INDEX_LIVE, MEETS_TARGET, HALF_MISSES, TABLE_HONEST, BOTH_FAMILIES],
};

const VECTORS: CollectionSpec =
    CollectionSpec { name: "vectors", primary_key: "id", vector_field: "v", dimension: 32, scalar_fields: &[] };
const ROWS: usize = 10_000;
const QUERIES: usize = 200;
const TOP_K: usize = 10;
const TARGET: f64 = 0.92;
const DATA_SEED: u64 = 1;
const QUERY_SEED: u64 = 2;

/// `choice.toml`: the configuration the learner picked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    index_type: String,
    /// Build parameters, such as `M` and `efConstruction`, or `nlist`.
    build: BTreeMap<String, i64>,
    /// The search parameter: `ef` for HNSW, `nprobe` for IVF indexes.
    search_param: String,
    search_value: i64,
}

impl Lab for IndexChoice {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(VECTORS.name)? {
            return Ok(());
        }
        milvus.create_collection_flat_l2(&VECTORS)?;
        let data = uniform_vectors(DATA_SEED, ROWS);
        for (batch, chunk) in data.chunks(ROWS / 2).enumerate() {
            let rows = chunk
                .iter()
                .enumerate()
                .map(|(offset, vector)| json!({"id": batch * ROWS / 2 + offset, "v": vector}))
                .collect();
            milvus.insert_rows(VECTORS.name, rows)?;
        }
        milvus.flush(&[VECTORS.name])?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let choice = ctx.answers::<Choice>("choice.toml");
        let index = milvus.index(VECTORS.name, VECTORS.vector_field)?;
        let mut checks = vec![Assertion::that(
            INDEX_LIVE,
            choice.as_ref().is_ok_and(|choice| index.as_ref().is_some_and(|index| matches(choice, index))),
            match &choice {
                Ok(choice) => {
                    format!("{} {}, Finished, {ROWS} of {ROWS} rows", choice.index_type, build_text(&choice.build))
                }
                Err(_) => format!("the index choice.toml names, Finished, {ROWS} of {ROWS} rows"),
            },
            match &index {
                Some(index) => format!(
                    "{} {}, {}, {} of {} rows",
                    index.index_type,
                    build_text(&index.params.iter().collect()),
                    index.state,
                    index.indexed_rows,
                    index.total_rows
                ),
                None => "no index".to_owned(),
            },
            "measure.py leaves the last index it measured: run it once more with the one you chose",
        )];

        let truth = exact_neighbours();
        let chosen = choice.as_ref().ok().map(|choice| recall(&milvus, choice, choice.search_value, &truth));
        checks.push(
            Assertion::that(
                MEETS_TARGET,
                matches!(chosen, Some(Ok((recall, _))) if recall >= TARGET),
                format!("recall@10 ≥ {TARGET}"),
                describe(&choice, chosen.as_ref()),
                "raise the search setting (ef or nprobe) until the table shows the target met",
            )
            .measured(),
        );

        // Half of the smallest valid value (ef below the limit, nprobe 0) cannot
        // be searched: such a choice is as cheap as the parameter goes.
        let half_is_valid = |choice: &Choice| choice.search_value / 2 >= minimum(&choice.search_param);
        let half = choice
            .as_ref()
            .ok()
            .filter(|choice| half_is_valid(choice))
            .map(|choice| recall(&milvus, choice, choice.search_value / 2, &truth));
        let at_the_minimum = choice.as_ref().is_ok_and(|choice| !half_is_valid(choice));
        let chosen_recall = match &chosen {
            Some(Ok((recall, _))) => Some(*recall),
            _ => None,
        };
        checks.push(
            Assertion::that(
                HALF_MISSES,
                at_the_minimum
                    || matches!((&half, chosen_recall), (Some(Ok((lower, _))), Some(higher)) if *lower < TARGET && *lower < higher),
                format!("recall@10 < {TARGET} at half the setting, and lower than at the chosen one"),
                describe_half(&choice, half.as_ref()),
                "a larger ef or nprobe costs time on every query: pick the smallest value that meets the target",
            )
            .measured(),
        );

        let table = std::fs::read_to_string(ctx.work_dir.join("results.csv"))
            .map_err(|error| format!("cannot read results.csv: {error}"))
            .and_then(|text| parse_results(&text));
        let reported = match (&choice, &table) {
            (Ok(choice), Ok(rows)) => rows
                .iter()
                .rev()
                .find(|row| {
                    row.index == choice.index_type
                        && row.build == build_words(&choice.build)
                        && row.param == choice.search_param
                        && row.value == choice.search_value
                })
                .map(|row| row.recall),
            _ => None,
        };
        checks.push(
            Assertion::that(
                TABLE_HONEST,
                matches!((reported, chosen_recall), (Some(reported), Some(measured)) if (reported - measured).abs() <= 0.05),
                "the chosen row's recall ± 0.05",
                match (&table, reported, chosen_recall) {
                    (Err(error), _, _) => error.clone(),
                    (Ok(_), None, _) => "no row of results.csv has the chosen index and setting".to_owned(),
                    (Ok(_), Some(reported), Some(measured)) => format!("{reported:.3} reported, {measured:.3} measured"),
                    (Ok(_), Some(reported), None) => format!("{reported:.3} reported, nothing measured"),
                },
                "record what measure.py printed for the setting you chose",
            )
            .measured(),
        );

        let settings = |family: fn(&str) -> bool| -> usize {
            match &table {
                Ok(rows) => {
                    rows.iter().filter(|row| family(&row.index)).map(|row| row.value).collect::<BTreeSet<_>>().len()
                }
                Err(_) => 0,
            }
        };
        let (hnsw, ivf) = (settings(|index| index == "HNSW"), settings(|index| index.starts_with("IVF")));
        checks.push(Assertion::that(
            BOTH_FAMILIES,
            hnsw >= 3 && ivf >= 3,
            "HNSW: 3 or more settings, IVF: 3 or more settings",
            match &table {
                Ok(_) => format!("HNSW: {hnsw} settings, IVF: {ivf} settings"),
                Err(error) => error.clone(),
            },
            "a choice needs a comparison: measure a graph index and a cluster index",
        ));
        Ok(checks)
    }
}

/// Whether the live index is the chosen type with the chosen build
/// parameters, built on every row.
fn matches(choice: &Choice, index: &IndexSummary) -> bool {
    let takes_parameters = !matches!(choice.index_type.as_str(), "FLAT" | "AUTOINDEX");
    index.index_type == choice.index_type
        && (!takes_parameters || !choice.build.is_empty())
        && choice.build.iter().all(|(key, value)| index.params.get(key) == Some(&value.to_string()))
        && index.state == "Finished"
        && index.indexed_rows == ROWS as i64
        && index.total_rows == ROWS as i64
}

fn build_words(build: &BTreeMap<String, i64>) -> BTreeSet<String> {
    build.iter().map(|(key, value)| format!("{key}={value}")).collect()
}

fn build_text<K: AsRef<str>, V: ToString>(build: &BTreeMap<K, V>) -> String {
    let pairs: Vec<String> =
        build.iter().map(|(key, value)| format!("{}={}", key.as_ref(), value.to_string())).collect();
    format!("{{{}}}", pairs.join(", "))
}

/// Recall@10 of the live index at `value` of the chosen search parameter,
/// and the time per query in milliseconds.
fn recall(milvus: &Milvus, choice: &Choice, value: i64, truth: &[BTreeSet<i64>]) -> Result<(f64, f64)> {
    let queries = uniform_vectors(QUERY_SEED, QUERIES);
    let value = value.to_string();
    let started = Instant::now();
    let hits = milvus.search_many(
        VECTORS.name,
        VECTORS.vector_field,
        queries,
        TOP_K as i64,
        &[(choice.search_param.as_str(), value.as_str())],
        "",
    )?;
    let per_query_ms = started.elapsed().as_secs_f64() * 1000.0 / QUERIES as f64;
    let found: usize =
        hits.iter().zip(truth).map(|(hits, truth)| hits.iter().filter(|id| truth.contains(id)).count()).sum();
    Ok((found as f64 / (QUERIES * TOP_K) as f64, per_query_ms))
}

fn describe(choice: &Result<Choice, String>, measured: Option<&Result<(f64, f64)>>) -> String {
    match (choice, measured) {
        (Err(error), _) => error.clone(),
        (Ok(choice), Some(Ok((recall, ms)))) => {
            format!("recall@10 {recall:.3} at {}={} ({ms:.2} ms per query)", choice.search_param, choice.search_value)
        }
        (Ok(_), Some(Err(error))) => format!("search failed: {error:#}"),
        (Ok(_), None) => "not measured".to_owned(),
    }
}

/// The smallest value a search parameter takes: `ef` at least the limit.
fn minimum(search_param: &str) -> i64 {
    if search_param == "ef" { TOP_K as i64 } else { 1 }
}

fn describe_half(choice: &Result<Choice, String>, measured: Option<&Result<(f64, f64)>>) -> String {
    match (choice, measured) {
        (Ok(choice), None) if choice.search_value / 2 < minimum(&choice.search_param) => format!(
            "{}={} is the smallest value {} takes: nothing cheaper to try",
            choice.search_param, choice.search_value, choice.search_param
        ),
        (Ok(choice), Some(Ok((recall, ms)))) => format!(
            "recall@10 {recall:.3} at {}={} ({ms:.2} ms per query)",
            choice.search_param,
            choice.search_value / 2
        ),
        _ => describe(choice, measured),
    }
}

/// One row of `results.csv` as measure.py writes it.
#[derive(Debug)]
struct ResultRow {
    index: String,
    /// measure.py's `NAME=VALUE` words, in any order.
    build: BTreeSet<String>,
    param: String,
    value: i64,
    recall: f64,
}

fn parse_results(text: &str) -> Result<Vec<ResultRow>, String> {
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, line)| line).unwrap_or_default();
    if header != "index,build,param,value,recall_at_10,ms_per_query" {
        return Err("results.csv line 1: not measure.py's header".to_owned());
    }
    lines
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            let cells: Vec<&str> = line.split(',').collect();
            let bad = || format!("results.csv line {}: expected 6 cells as measure.py writes them", number + 1);
            let [index, build, param, value, recall, _ms] = cells[..] else { return Err(bad()) };
            Ok(ResultRow {
                index: index.to_owned(),
                build: build.split_whitespace().map(str::to_owned).collect(),
                param: param.to_owned(),
                value: value.parse().map_err(|_| bad())?,
                recall: recall.parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

/// Each query's exact top-10 ids by L2 distance over the seeded data.
fn exact_neighbours() -> Vec<BTreeSet<i64>> {
    let data = uniform_vectors(DATA_SEED, ROWS);
    uniform_vectors(QUERY_SEED, QUERIES)
        .iter()
        .map(|query| {
            let mut distances: Vec<(f32, i64)> = data
                .iter()
                .enumerate()
                .map(|(id, vector)| (vector.iter().zip(query).map(|(a, b)| (a - b) * (a - b)).sum(), id as i64))
                .collect();
            distances.select_nth_unstable_by(TOP_K, |a, b| a.0.total_cmp(&b.0));
            distances[..TOP_K].iter().map(|(_, id)| *id).collect()
        })
        .collect()
}

/// `count` vectors with coordinates uniform in [0, 1), from splitmix64: the
/// same numbers on every run and machine.
fn uniform_vectors(seed: u64, count: usize) -> Vec<Vec<f32>> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 40) as f32 / (1u64 << 24) as f32
    };
    (0..count).map(|_| (0..VECTORS.dimension).map(|_| next()).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_rows_are_read_as_measure_py_writes_them() {
        let text = "index,build,param,value,recall_at_10,ms_per_query\nHNSW,M=16 efConstruction=128,ef,64,0.961,0.08\n";
        let rows = parse_results(text).unwrap();
        assert_eq!((rows[0].index.as_str(), rows[0].value, rows[0].recall), ("HNSW", 64, 0.961));
        assert!(parse_results("id,recall\n").unwrap_err().contains("line 1"));
        assert!(
            parse_results("index,build,param,value,recall_at_10,ms_per_query\nHNSW,ef\n")
                .unwrap_err()
                .contains("line 2")
        );
    }

    #[test]
    fn the_data_is_the_same_on_every_run_and_spread_over_the_unit_cube() {
        let a = uniform_vectors(DATA_SEED, 100);
        assert_eq!(a, uniform_vectors(DATA_SEED, 100));
        assert_ne!(a, uniform_vectors(QUERY_SEED, 100));
        let mean = a.iter().flatten().sum::<f32>() / (100 * VECTORS.dimension) as f32;
        assert!((mean - 0.5).abs() < 0.05, "{mean}");
        assert!(a.iter().flatten().all(|x| (0.0..1.0).contains(x)));
        // measure.py computes the same numbers (its first four, printed there).
        assert_eq!(a[0][..4], [0.5665615, 0.7457817, 0.9710027, 0.44435918]);
    }
}
