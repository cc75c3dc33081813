//! Phase 9 of the course: backup and recovery. Every drill loses something
//! for real and proves, collection by collection, that the restore brought
//! back every row, every primary key and every index.

mod backup_misses;
mod cold_backup;
mod logical_restore;
mod migration;
mod users_and_roles;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &cold_backup::ColdBackup,
        &logical_restore::LogicalRestore,
        &backup_misses::BackupMisses,
        &users_and_roles::UsersAndRoles,
        &migration::Migration,
    ]
}
