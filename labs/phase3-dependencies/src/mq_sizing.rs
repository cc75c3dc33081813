//! Message queue selection and sizing: which queue this Milvus writes its log
//! to, the retention the deployment gives each topic, and how long a message
//! survives at a given ingest rate. One lab per queue: rocksmq (embedded, every
//! profile), Kafka and Pulsar (a broker from a Compose overlay, official images).

use anyhow::Result;
use lab_framework::{
    Assertion, Lab, LabContext, LabMeta, MessageQueue, MilvusVersion, Mode, Requirement, Retention, Setting, Weight,
};
use serde::Deserialize;

pub struct MqSizing {
    meta: &'static LabMeta,
}

// The check's assertions, in report order; the book lists them from each `LabMeta`.
const QUEUE: &str = "mq.toml: queue";
const RETENTION_MINUTES: &str = "mq.toml: retention_minutes";
const RETENTION_MB: &str = "mq.toml: retention_mb";
const SURVIVES: &str = "mq.toml: survives_minutes";
const ASSERTIONS: &[&str] = &[QUEUE, RETENTION_MINUTES, RETENTION_MB, SURVIVES];

/// Not the defaults, so the answer has to come from the deployment.
const RETENTION: Setting = Setting::MqRetention { minutes: 1440, megabytes: 2048 };
/// The exercise's ingest rate into one shard (one DML channel, one topic).
const INGEST_MB_PER_SECOND: u64 = 4;

static ROCKSMQ_META: LabMeta = LabMeta {
    id: "phase3/mq-rocksmq",
    title: "Message queue: rocksmq's retention and sizing",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["wal", "datanode"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[RETENTION],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: ASSERTIONS,
};

static KAFKA_META: LabMeta = LabMeta {
    id: "phase3/mq-kafka",
    title: "Message queue: Milvus on Kafka, retention and sizing",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_WITH_BROKER,
    minutes: 30,
    components: &["wal"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: &[
        Requirement::COMPOSE_LAB[0],
        Requirement::COMPOSE_LAB[1],
        Requirement::COMPOSE_LAB[2],
        Requirement::COMPOSE_LAB[3],
        Requirement::COMPOSE_LAB[4],
        Requirement::Image("kafka"),
        Requirement::COMPOSE_LAB[5],
        Requirement::MemoryMib(3072),
    ],
    settings: &[Setting::MessageQueue(MessageQueue::Kafka), RETENTION],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: ASSERTIONS,
};

static PULSAR_META: LabMeta = LabMeta {
    id: "phase3/mq-pulsar",
    title: "Message queue: Milvus on Pulsar, retention and sizing",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_WITH_BROKER,
    minutes: 30,
    components: &["wal"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: &[
        Requirement::COMPOSE_LAB[0],
        Requirement::COMPOSE_LAB[1],
        Requirement::COMPOSE_LAB[2],
        Requirement::COMPOSE_LAB[3],
        Requirement::COMPOSE_LAB[4],
        Requirement::Image("pulsar"),
        Requirement::COMPOSE_LAB[5],
        Requirement::MemoryMib(4096),
    ],
    settings: &[Setting::MessageQueue(MessageQueue::Pulsar), RETENTION],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: ASSERTIONS,
};

pub static ROCKSMQ: MqSizing = MqSizing { meta: &ROCKSMQ_META };
pub static KAFKA: MqSizing = MqSizing { meta: &KAFKA_META };
pub static PULSAR: MqSizing = MqSizing { meta: &PULSAR_META };

/// `mq.toml`: what the learner found and worked out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    queue: String,
    retention_minutes: u64,
    retention_mb: u64,
    survives_minutes: u64,
}

/// How long a message stays in a topic that receives `rate` MB/s: until it is
/// older than the time limit, or until the topic outgrows the size limit,
/// whichever comes first. Whole minutes, rounded down.
fn survives_minutes(retention: Retention, rate_mb_per_second: u64) -> u64 {
    match retention.megabytes {
        Some(megabytes) => retention.minutes.min(megabytes / rate_mb_per_second / 60),
        None => retention.minutes,
    }
}

impl Lab for MqSizing {
    fn meta(&self) -> &'static LabMeta {
        self.meta
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let answers = ctx.answers::<Answers>("mq.toml");
        let answer = |field: fn(&Answers) -> String| lab_framework::answer(&answers, field);
        let queue = ctx.fixture.message_queue_in_use().unwrap_or_else(|error| format!("error: {error:#}"));
        let retention = ctx.fixture.mq_retention();
        let live = |value: fn(Retention) -> u64| match &retention {
            Ok(retention) => value(*retention).to_string(),
            Err(error) => format!("error reading the deployment: {error:#}"),
        };
        let survives = retention.as_ref().ok().map(|r| survives_minutes(*r, INGEST_MB_PER_SECOND));
        let survives_holds = match (&answers, survives) {
            (Ok(answers), Some(expected)) => answers.survives_minutes.abs_diff(expected) <= 1,
            _ => false,
        };
        Ok(vec![
            Assertion::equal(
                QUEUE,
                &queue,
                answer(|a| a.queue.trim().to_owned()),
                "2.5+: curl -s \"$MILVUS_HTTP/metrics\" | grep milvus_runtime_info; 2.3: docker compose logs standalone | grep mqType",
            ),
            Assertion::equal(
                RETENTION_MINUTES,
                live(|r| r.minutes),
                answer(|a| a.retention_minutes.to_string()),
                "the deployment overrides milvus.yaml: docker compose config shows each service's environment",
            ),
            Assertion::equal(
                RETENTION_MB,
                live(|r| r.megabytes.unwrap_or(0)),
                answer(|a| a.retention_mb.to_string()),
                "the size limit sits next to the time limit; Kafka counts bytes, rocksmq and Pulsar megabytes",
            ),
            Assertion::that(
                SURVIVES,
                survives_holds,
                survives.map_or_else(|| "a live retention".to_owned(), |minutes| format!("{minutes} (± 1)")),
                answer(|a| a.survives_minutes.to_string()),
                "min(time limit, size limit / ingest rate): at 4 MB/s the size limit may come first",
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_limit_can_come_before_the_time_limit() {
        let both = Retention { minutes: 1440, megabytes: Some(2048) };
        assert_eq!(survives_minutes(both, 4), 8, "2048 MB at 4 MB/s lasts 512 s");
        let time_only = Retention { minutes: 1440, megabytes: None };
        assert_eq!(survives_minutes(time_only, 4), 1440);
        let defaults = Retention { minutes: 4320, megabytes: Some(8192) };
        assert_eq!(survives_minutes(defaults, 4), 34);
    }
}
