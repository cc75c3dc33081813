//! Phase 1 of the course: introduction and architecture. The labs look inside a
//! running Milvus: who registers where, where one collection's data ends up,
//! what a read sees right after a write, why a query returns nothing, and how a
//! Lite file moves to a server.

mod consistency;
mod empty_results;
mod follow_a_collection;
mod lite_to_server;
mod map_instance;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &map_instance::MapInstance,
        &follow_a_collection::FollowACollection,
        &consistency::Consistency,
        &empty_results::EmptyResults,
        &lite_to_server::LiteToServer,
    ]
}
