//! Phase 5 of the course: data operations (collections, partitions, indexes,
//! deletes).

mod filtered_delete;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&filtered_delete::FilteredDelete]
}
