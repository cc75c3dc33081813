//! Phase 5 of the course: data operations (collections, partitions, indexes,
//! deletes).

mod filtered_delete;
mod index_choice;
mod load_release;
mod schema_design;
mod tenants;
mod upsert_import;

use lab_framework::Lab;

/// In course order: design, tenants, indexes, memory, loading, deleting.
pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &schema_design::SchemaDesign,
        &tenants::Tenants,
        &index_choice::IndexChoice,
        &load_release::LoadRelease,
        &upsert_import::UpsertImport,
        &filtered_delete::FilteredDelete,
    ]
}
