//! Phase 3 of the course: the dependencies Milvus cannot run without (etcd,
//! object storage, the message queue), and drills that prove nothing is lost
//! when one of them breaks.

mod etcd_cluster;
mod etcd_nospace;
mod etcd_restore;
mod etcd_sizing;
mod mq_sizing;
mod object_store_down;
mod shared_bucket;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &etcd_sizing::EtcdSizing,
        &etcd_restore::EtcdRestore,
        &etcd_nospace::EtcdNospace,
        &etcd_cluster::EtcdCluster,
        &object_store_down::ObjectStoreDown,
        &shared_bucket::SharedBucket,
        &mq_sizing::ROCKSMQ,
        &mq_sizing::KAFKA,
        &mq_sizing::PULSAR,
    ]
}
