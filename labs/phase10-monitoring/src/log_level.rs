//! Log levels without a restart: the learner turns Milvus' log to debug
//! through its HTTP API (where 2.3 wants a JSON content type), reads the
//! debug lines of one search, and turns it back to info. The check reads the
//! live level and the same log.

use std::collections::BTreeMap;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, log_level};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;
use serde_json::json;

pub struct LogLevel;

// The check's assertions, in report order; the book lists them from `META`.
const DEBUG_LINES: &str = "the log holds the debug lines of a search on `tickets`";
const SEGMENTS: &str = "answers.toml: segments";
const GROWING: &str = "answers.toml: growing";
const BACK_TO_INFO: &str = "Milvus logs at info again";

static META: LabMeta = LabMeta {
    id: "phase10/log-level",
    title: "Log levels without a restart",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["proxy"],
    // The /log/level endpoint and the 2.3 debug lines of a search
    // (`search PreExecute done.`, `search segment done`); measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[DEBUG_LINES, SEGMENTS, GROWING, BACK_TO_INFO],
};

const TICKETS: CollectionSpec =
    CollectionSpec { name: "tickets", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };

/// `answers.toml`: what the learner read in the debug lines of their search.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    segments: u32,
    growing: u32,
}

/// What the debug lines of one search say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct SearchLines {
    segments: u32,
    growing: u32,
}

impl Lab for LogLevel {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `tickets`: 500 rows flushed into one segment, then 100 more that stay
    /// in a growing one.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(TICKETS.name)? {
            milvus.create_collection(&TICKETS)?;
            let rows = |ids: std::ops::Range<i64>| {
                ids.map(|id| json!({"id": id, "vector": vec![(id % 17) as f32 / 17.0; 8]})).collect()
            };
            milvus.insert_rows(TICKETS.name, rows(0..500))?;
            milvus.flush(&[TICKETS.name])?;
            milvus.insert_rows(TICKETS.name, rows(500..600))?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let http = ctx.fixture.endpoints.http.as_deref().unwrap_or_default();
        let level = log_level(http).unwrap_or_else(|error| format!("error: {error:#}"));
        let searches = searches_on(&ctx.fixture.milvus_log()?, TICKETS.name);
        let latest = searches.values().last().copied();
        let answers = ctx.answers::<Answers>("answers.toml");
        let answered = answers.as_ref().ok().map(|a| SearchLines { segments: a.segments, growing: a.growing });
        let matches = answered.is_some_and(|answer| searches.values().any(|search| *search == answer));
        let from_log = |field: fn(&SearchLines) -> u32| {
            latest.map_or("no debug lines of a search on `tickets`".to_owned(), |s| field(&s).to_string())
        };
        Ok(vec![
            Assertion::that(
                DEBUG_LINES,
                latest.is_some(),
                "`search PreExecute done.` with [collName=tickets], and its `search segment done` lines",
                latest.map_or("none: the log was not at debug during a search".to_owned(), |_| {
                    format!("{} search(es)", searches.len())
                }),
                "curl -X PUT -H 'Content-Type: application/json' -d '{\"level\":\"debug\"}' $MILVUS_HTTP/log/level; \
                 without the header curl sends a form and Milvus answers `must specify logging level`",
            ),
            Assertion::that(
                SEGMENTS,
                matches,
                from_log(|s| s.segments),
                answer(&answers, |a| a.segments.to_string()),
                "count the `search segment done` lines that carry your search's traceID",
            ),
            Assertion::that(
                GROWING,
                matches,
                from_log(|s| s.growing),
                answer(&answers, |a| a.growing.to_string()),
                "of those lines, the ones with segmentType=Growing: rows not flushed yet are searched there",
            )
            .measured(),
            Assertion::equal(
                BACK_TO_INFO,
                "info",
                level,
                "debug logs every request: PUT {\"level\":\"info\"} the same way when you are done",
            ),
        ])
    }
}

/// Every search on `collection` the log has debug lines of, by trace id.
fn searches_on(log: &str, collection: &str) -> BTreeMap<String, SearchLines> {
    let field = |line: &str, name: &str| -> Option<String> {
        let start = line.find(&format!("[{name}="))? + name.len() + 2;
        let end = line[start..].find(']')?;
        Some(line[start..start + end].to_owned())
    };
    let collection_field = format!("[collName={collection}]");
    let mut searches: BTreeMap<String, SearchLines> = log
        .lines()
        .filter(|line| line.contains("[\"search PreExecute done.\"]") && line.contains(&collection_field))
        .filter_map(|line| field(line, "traceID"))
        .map(|trace| (trace, SearchLines::default()))
        .collect();
    for line in log.lines().filter(|line| line.contains("[\"search segment done\"]")) {
        if let Some(search) = field(line, "traceID").and_then(|trace| searches.get_mut(&trace)) {
            search.segments += 1;
            if field(line, "segmentType").as_deref() == Some("Growing") {
                search.growing += 1;
            }
        }
    }
    searches.retain(|_, search| search.segments > 0);
    searches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_search_from_its_debug_lines() {
        let log = r#"[2026/12/06 05:12:26.847 +00:00] [DEBUG] [proxy/task_search.go:402] ["search PreExecute done."] [traceID=d338] [collID=4709] [collName=tickets] [nq=1] ["consistency level"=Session]
[2026/12/06 05:12:26.847 +00:00] [DEBUG] [proxy/task_search.go:402] ["search PreExecute done."] [traceID=aaaa] [collID=4710] [collName=other] [nq=1]
[2026/12/06 05:12:27.090 +00:00] [DEBUG] [segments/segment.go:384] ["search segment done"] [traceID=d338] [collectionID=4709] [segmentID=1] [segmentType=Growing] [withIndex=false]
[2026/12/06 05:12:27.090 +00:00] [DEBUG] [segments/segment.go:384] ["search segment done"] [traceID=d338] [collectionID=4709] [segmentID=2] [segmentType=Sealed] [withIndex=false]
[2026/12/06 05:12:27.090 +00:00] [DEBUG] [segments/segment.go:384] ["search segment done"] [traceID=aaaa] [collectionID=4710] [segmentID=3] [segmentType=Sealed] [withIndex=false]"#;
        let searches = searches_on(log, "tickets");
        assert_eq!(searches.len(), 1);
        assert_eq!(searches["d338"], SearchLines { segments: 2, growing: 1 });
        assert!(searches_on("[INFO] nothing", "tickets").is_empty());
    }
}
