//! Where a value comes from: milvus.yaml < environment < etcd, taught with
//! `proxy.maxDimension`. The deployment's environment already overrides the
//! yaml; the learner makes a lower limit effective without a restart, which
//! only etcd can do, and the check probes the limit at its boundary.

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};
use serde::Deserialize;

pub struct ConfigLayers;

// The check's assertions, in report order; the book lists them from `META`.
const ACCEPTS: &str = "a collection of dimension 1024 is created";
const REFUSES: &str = "dimension 1025 is refused with the server's own error";
const IN_ETCD: &str = "etcd holds the limit (by-dev/config/proxy/maxDimension)";
const ENV_KEPT: &str = "Milvus' environment is unchanged (2048)";
const ANSWER_YAML: &str = "layers.toml: yaml_value";
const ANSWER_ENV: &str = "layers.toml: env_value";
const ANSWER_WINNER: &str = "layers.toml: winning_layer";

/// The limit the deployment's environment sets, over the yaml's.
const ENV_LIMIT: u32 = 2048;
/// The limit the learner must make effective.
const TARGET: u32 = 1024;
const ETCD_KEY: &str = "by-dev/config/proxy/maxDimension";

static META: LabMeta = LabMeta {
    id: "phase4/config-layers",
    title: "Where a value comes from: milvus.yaml, environment, etcd",
    phase: 4,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["etcd", "proxy"],
    // The yaml default and the error text are measured on 2.3.5 only.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A wrong answer restarts Milvus; its first calls would wait out the old sessions.
    settings: &[Setting::MaxDimensionInEnvironment(ENV_LIMIT), Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ACCEPTS, REFUSES, IN_ETCD, ENV_KEPT, ANSWER_YAML, ANSWER_ENV, ANSWER_WINNER],
};

/// The check's probe collections, apart from anything the learner creates.
const AT_LIMIT: CollectionSpec = CollectionSpec {
    name: "check_layers_at_limit",
    primary_key: "id",
    vector_field: "vector",
    dimension: TARGET,
    scalar_fields: &[],
};
const OVER_LIMIT: CollectionSpec = CollectionSpec {
    name: "check_layers_over_limit",
    primary_key: "id",
    vector_field: "vector",
    dimension: TARGET + 1,
    scalar_fields: &[],
};

/// `layers.toml`: what the learner found in each layer.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Layers {
    yaml_value: u32,
    env_value: u32,
    winning_layer: String,
}

impl Lab for ConfigLayers {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        // Creates a probe collection; says whether the server took it, or its error.
        let probe = |spec: &CollectionSpec| -> Result<std::result::Result<(), String>> {
            if milvus.has_collection(spec.name)? {
                milvus.drop_collection(spec.name)?;
            }
            Ok(match milvus.create_collection(spec) {
                Ok(()) => {
                    milvus.drop_collection(spec.name)?;
                    Ok(())
                }
                Err(error) => Err(server_message(&format!("{error:#}"))),
            })
        };
        let at_limit = probe(&AT_LIMIT)?;
        let over_limit = probe(&OVER_LIMIT)?;
        let version = ctx.fixture.version;
        let in_etcd = ctx.etcd()?.get(ETCD_KEY)?.unwrap_or_else(|| "no such key".to_owned());
        let env = ctx.fixture.service_environment("standalone")?;
        let env_value =
            env.iter().find_map(|entry| entry.strip_prefix("PROXY_MAXDIMENSION=")).unwrap_or("not set").to_owned();

        let layers = ctx.answers::<Layers>("layers.toml");
        let answer = |field: fn(&Layers) -> String| lab_framework::answer(&layers, field);
        let yaml_default = version.yaml_max_dimension().map_or("unknown".to_owned(), |v| v.to_string());
        Ok(vec![
            Assertion::equal(
                ACCEPTS,
                "created",
                at_limit.map_or_else(|error| error, |()| "created".to_owned()),
                "the limit must not go below 1024: `etcdctl get by-dev/config/proxy/maxDimension`",
            ),
            Assertion::equal(
                REFUSES,
                version.dimension_error(TARGET + 1, TARGET),
                over_limit.err().unwrap_or_else(|| "created".to_owned()),
                "only etcd overrides the environment, and live: etcdctl put by-dev/config/proxy/maxDimension 1024 \
                 (it takes effect within about 5 s)",
            ),
            Assertion::equal(
                IN_ETCD,
                TARGET,
                in_etcd,
                "etcdctl put by-dev/config/proxy/maxDimension 1024 (the key is <rootPath>/config/ plus the yaml path)",
            ),
            Assertion::equal(
                ENV_KEPT,
                ENV_LIMIT,
                env_value,
                "a new environment needs a restart, which the task rules out: leave it as it is and use etcd",
            ),
            Assertion::equal(
                ANSWER_YAML,
                yaml_default,
                answer(|l| l.yaml_value.to_string()),
                "the value milvus.yaml ships with: docker compose exec standalone grep maxDimension \
                 /milvus/configs/milvus.yaml (before any edit of yours)",
            ),
            Assertion::equal(
                ANSWER_ENV,
                ENV_LIMIT,
                answer(|l| l.env_value.to_string()),
                "docker compose exec standalone printenv PROXY_MAXDIMENSION",
            ),
            Assertion::equal(
                ANSWER_WINNER,
                "etcd",
                answer(|l| l.winning_layer.trim().to_owned()),
                "the layer whose value the server enforces now: yaml, environment or etcd",
            ),
        ])
    }
}

/// The server's own words in an SDK error (`invalid dimension: …`), or the
/// whole error when it has no such part.
fn server_message(error: &str) -> String {
    match error.find("invalid dimension") {
        Some(start) => {
            let rest = &error[start..];
            let end = rest.find(['"', ',', ')', '\n']).unwrap_or(rest.len());
            rest[..end].trim().to_owned()
        }
        None => error.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_server_message_is_cut_out_of_the_sdk_error() {
        let error = "create_collection check_layers_over_limit: server error: status { code: 65535, reason: \"invalid dimension: 1025. should be in range 1 ~ 1024\" }";
        assert_eq!(super::server_message(error), "invalid dimension: 1025. should be in range 1 ~ 1024");
        assert_eq!(super::server_message("connection refused"), "connection refused");
    }
}
