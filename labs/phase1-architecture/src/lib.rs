//! Phase 1 of the course: introduction and architecture. The labs look inside a
//! running Milvus: who registers where, where one collection's data ends up, and
//! what a read sees right after a write.

mod consistency;
mod follow_a_collection;
mod map_instance;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&map_instance::MapInstance, &follow_a_collection::FollowACollection, &consistency::Consistency]
}
