//! Phase 7 of the course: performance, measured on the server's side.

mod batching;
mod deletes_and_space;
mod mmap_memory;
mod server_latency;
mod small_segments;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &batching::Batching,
        &deletes_and_space::DeletesAndSpace,
        &mmap_memory::MmapMemory,
        &server_latency::ServerLatency,
        &small_segments::SmallSegments,
    ]
}
