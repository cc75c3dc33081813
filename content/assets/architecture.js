/*
 * Interactive Milvus architecture diagram for content/architecture.md.
 * mdBook loads this file on every page (additional-js), so it does nothing
 * unless the page contains #milvus-architecture. The boxes are static HTML in
 * the page (readable without JS); this script adds the version switch, the
 * flows and the stepping.
 */
(function () {
  'use strict';

  // The flows, keyed by layout then flow: one [component id, sentence, what
  // it touches (an etcd key prefix or a bucket path), the lab that shows it]
  // per hop. Lab titles and links come from the catalogue (see book.rs); a
  // repository test checks every lab id here exists.
  // Which layout a version has, and which boxes, comes from the version module
  // (the JSON the book build writes into the page), not from this file.
  // The id sequences are a contract checked by a browser test; keep them exact.
  const FLOWS = {
    coordinators: {
      insert: [
        ['sdk', 'Your app calls insert(), and pymilvus sends the batch of rows over gRPC to the Proxy.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['proxy', 'The Proxy checks the rows against the collection schema and hashes each primary key to a shard, i.e. a virtual channel (vchannel).', 'reads the schema it cached from by-dev/meta/root-coord/database/collection-info/<dbID>/<collID>', 'phase1/follow-a-collection'],
        ['datacoord', 'DataCoord assigns segment IDs, so each shard\'s rows land in one of its growing segments.', 'the new segment under by-dev/meta/datacoord-meta/s/<collID>/<partID>/<segID>', 'phase4/segment-size'],
        ['wal', 'The Proxy publishes the rows to the shard\'s DML channel in the log; once the log has them, insert() returns.', 'the shard\'s DML channel, by-dev-rootcoord-dml_<n> (rocksmq inside Standalone)', 'phase3/mq-rocksmq'],
        ['datanode', 'The Data Node that watches the channel consumes the rows and buffers them in growing segments until they are flushed.', 'growing segments in memory; its position in by-dev/meta/datacoord-meta/channel-cp/<vchannel>', 'phase10/keys-rotated'],
        ['querynode', 'The Query Node serving the shard consumes the same channel, so the fresh rows are searchable before any flush.', 'nothing stored: this happens in memory (growing data)', 'phase1/consistency'],
      ],
      search: [
        ['sdk', 'Your app calls search() with query vectors, a top-k limit and an optional filter expression.', 'nothing stored: the request travels over gRPC', 'phase7/server-latency'],
        ['proxy', 'The Proxy validates the request and picks a guarantee timestamp from the consistency level (Bounded by default).', 'the guarantee timestamp comes from the TSO, kept at by-dev/kv/gid/timestamp', 'phase1/consistency'],
        ['querycoord', 'The Proxy asks QueryCoord which Query Nodes lead each shard, and caches the answer for later requests.', 'replicas and shard leaders, saved under by-dev/meta/querycoord-replica/', 'phase5/load-release'],
        ['querynode', 'Each shard leader searches its growing segments, has the sealed segments searched on their Query Nodes, and returns a partial top-k.', 'loaded segments in memory, or memory-mapped files on local disk', 'phase7/mmap-memory'],
        ['proxy', 'The Proxy merges (reduces) the partial results from all shards into one global top-k.', 'nothing stored: this happens in memory', 'phase7/server-latency'],
        ['sdk', 'The Proxy returns the IDs, distances and requested output fields to your app.', 'nothing stored: the request travels over gRPC (milvus_proxy_sq_latency times it)', 'phase10/dashboard'],
      ],
      flush: [
        ['sdk', 'Your app calls flush() on a collection, typically after a bulk insert.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['proxy', 'The Proxy forwards the flush for all of the collection\'s shards to DataCoord.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['datacoord', 'DataCoord seals the collection\'s growing segments, so they take no more rows.', 'the segments\' state (Growing to Sealed) in by-dev/meta/datacoord-meta/s/', 'phase4/segment-size'],
        ['datanode', 'The Data Node serializes each sealed segment\'s buffered rows into binlogs, one set per field.', 'nothing stored: this happens in memory (serializing binlogs)', 'phase10/keys-rotated'],
        ['objectstorage', 'The binlogs land in object storage under insert_log/<collection>/<partition>/<segment>/...; deletes go to delta_log/.', 'a-bucket/files/insert_log/<collID>/<partID>/<segID>/<fieldID>/<logID>, delta_log/ and stats_log/', 'phase1/follow-a-collection'],
        ['etcd', 'DataCoord records the segment\'s binlog paths and its Flushed state in etcd, under by-dev/meta/datacoord-meta/.', 'by-dev/meta/datacoord-meta/binlog/ and the segment\'s Flushed state in datacoord-meta/s/', 'phase1/follow-a-collection'],
      ],
      index: [
        ['sdk', 'Your app calls create_index() with a field, an index type such as HNSW, and its parameters.', 'nothing stored: the request travels over gRPC', 'phase5/index-choice'],
        ['proxy', 'The Proxy validates the index parameters and passes the request to DataCoord.', 'nothing stored: the request travels over gRPC', 'phase5/index-choice'],
        ['datacoord', 'DataCoord (which absorbed IndexCoord in 2.3) saves the index definition and schedules one build task per sealed segment.', 'the index definition at by-dev/meta/field-index/<collID>/<indexID>', 'phase5/index-choice'],
        ['indexnode', 'An Index Node reads the segment\'s binlogs from object storage and builds the index.', 'reads the segment\'s insert_log/<collID>/<partID>/<segID>/ from the bucket', 'phase10/index-never-builds'],
        ['objectstorage', 'The Index Node uploads the finished index files to object storage under index_files/<buildID>/...', 'a-bucket/files/index_files/<buildID>/<version>/<partID>/<segID>/', 'phase5/index-choice'],
        ['etcd', 'DataCoord marks the segment index as finished and records its file keys in etcd (by-dev/meta/segment-index/...).', 'by-dev/meta/segment-index/<collID>/<partID>/<segID>/<buildID>', 'phase10/index-never-builds'],
        ['querynode', 'Query Nodes load the index files for the segments they serve, and searches on those segments use the index.', 'reads index_files/ into memory', 'phase5/load-release'],
      ],
      delete: [
        ['sdk', 'Your app calls delete() with primary keys or a filter expression such as "status == \'cancelled\'".', 'nothing stored: the request travels over gRPC', 'phase5/filtered-delete'],
        ['proxy', 'For a filter, the Proxy first queries the matching primary keys; then it hashes each key to its shard, as for an insert.', 'nothing stored: this happens in memory', 'phase5/filtered-delete'],
        ['wal', 'The Proxy publishes a delete message with the keys on each shard\'s DML channel; nothing is removed from any file yet.', 'the shard\'s DML channel, by-dev-rootcoord-dml_<n>', 'phase7/deletes-and-space'],
        ['querynode', 'Query Nodes apply the deletes to growing and sealed segments in memory, so the rows drop out of results at once.', 'nothing stored: this happens in memory (a delete record per key)', 'phase5/filtered-delete'],
        ['datanode', 'The Data Node buffers the deletes and writes them at the next flush as delta logs (2.4 and later gather them in L0 segments first).', 'nothing stored: this happens in memory until the flush', 'phase7/deletes-and-space'],
        ['objectstorage', 'The delta logs land beside the data; the deleted rows stay in insert_log/ until a compaction rewrites the segment.', 'a-bucket/files/delta_log/<collID>/<partID>/<segID>/<logID>', 'phase7/deletes-and-space'],
      ],
      load: [
        ['sdk', 'Your app calls load_collection() (release_collection() is the way back); searches need a loaded collection.', 'nothing stored: the request travels over gRPC', 'phase5/load-release'],
        ['proxy', 'The Proxy passes the request to QueryCoord and, for load, waits until the collection is fully loaded.', 'nothing stored: the request travels over gRPC', 'phase5/load-release'],
        ['querycoord', 'QueryCoord records the load and creates the replicas, one per replica_number, spread over Query Nodes.', 'by-dev/meta/querycoord-collection-loadinfo/<collID> and querycoord-replica/<collID>/<replicaID>', 'phase5/load-release'],
        ['datacoord', 'QueryCoord asks DataCoord which segments exist and where each shard\'s channel is checkpointed.', 'reads by-dev/meta/datacoord-meta/s/ and channel-cp/', 'phase5/load-release'],
        ['querynode', 'Each Query Node loads its sealed segments and their index files, and subscribes to its shards\' DML channels from the checkpoint.', 'reads insert_log/ and index_files/ from the bucket; memory grows by the data and index size', 'phase7/mmap-memory'],
        ['querycoord', 'On release, QueryCoord removes the load and the replicas, and tells the Query Nodes to drop the segments.', 'deletes querycoord-collection-loadinfo/<collID> and its replicas', 'phase5/load-release'],
        ['querynode', 'The Query Nodes free the memory; a search now fails with "collection not loaded" until the next load.', 'nothing stored: this happens in memory (freed)', 'phase10/frozen-and-unloaded'],
      ],
      compaction: [
        ['datacoord', 'DataCoord looks for segments worth rewriting: many deleted rows, or many small flushed segments (a compact() call asks too).', 'reads the segments in by-dev/meta/datacoord-meta/s/', 'phase7/deletes-and-space'],
        ['datanode', 'A Data Node reads the segments\' insert and delta logs and writes one new segment without the deleted rows.', 'reads insert_log/ and delta_log/; writes insert_log/<collID>/<partID>/<newSegID>/', 'phase7/deletes-and-space'],
        ['etcd', 'DataCoord records the new segment and marks the old ones Dropped; an index is built for the new one.', 'by-dev/meta/datacoord-meta/s/ (new segment Flushed, old ones Dropped)', 'phase7/small-segments'],
        ['querynode', 'Query Nodes swap the compacted segment in for the old ones, so searches read fewer, cleaner segments.', 'reads the new segment\'s index_files/', 'phase7/small-segments'],
        ['datacoord', 'Garbage collection runs every dataCoord.gc.interval (1 h by default) and removes a dropped segment\'s files once gc.dropTolerance (3 h) has passed.', 'deletes the dropped segments\' keys from by-dev/meta/datacoord-meta/', 'phase3/shared-bucket'],
        ['objectstorage', 'The files go, and the space comes back; a file no key points to is removed after gc.missingTolerance.', 'deletes insert_log/, delta_log/, stats_log/ and index_files/ of dropped segments', 'phase3/shared-bucket'],
      ],
      ddl: [
        ['sdk', 'Your app calls create_collection() with a schema: fields, the vector\'s dimension, the shard count.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['proxy', 'The Proxy checks the schema against its limits (dimension, field count) and forwards it to RootCoord.', 'nothing stored: the request travels over gRPC', 'phase5/schema-design'],
        ['rootcoord', 'RootCoord allocates the collection, field and partition IDs and a timestamp from the TSO.', 'by-dev/kv/gid/idTimestamp and by-dev/kv/gid/timestamp', 'phase1/follow-a-collection'],
        ['etcd', 'RootCoord writes the collection\'s metadata: this key is what makes the collection exist.', 'by-dev/meta/root-coord/database/collection-info/<dbID>/<collID>, root-coord/fields/<collID>/ and root-coord/partitions/<collID>/', 'phase1/follow-a-collection'],
        ['wal', 'The collection gets its DML channels, one per shard, and the create is broadcast in order with the time ticks.', 'the channels by-dev-rootcoord-dml_<n>', 'phase3/mq-rocksmq'],
        ['datacoord', 'DataCoord has a Data Node watch each new channel, ready for the first insert.', 'the channel assignments under by-dev/meta/ (the datacoord-meta/ and channel watch keys)', 'phase1/follow-a-collection'],
      ],
      startup: [
        ['querynode', 'A new Query Node starts (here: joining a running cluster) and first takes a server ID.', 'by-dev/meta/session/id (the server ID counter)', 'phase1/map-instance'],
        ['etcd', 'It registers its session: a key held by a lease that it keeps alive; the key vanishes when the lease runs out (common.session.ttl).', 'by-dev/meta/session/querynode-<serverID>', 'phase1/map-instance'],
        ['querycoord', 'QueryCoord watches the session prefix, sees the new node, and starts moving segments and shards onto it.', 'watches by-dev/meta/session/', 'phase1/map-instance'],
        ['etcd', 'If etcd stops answering for longer than the TTL, the leases expire and the processes that lose theirs exit: a session is a node\'s life line.', 'by-dev/meta/session/ (keys expire)', 'phase10/etcd-stall'],
      ],
      backup: [
        ['sdk', 'milvus-backup create -n nightly: a client of Milvus like pymilvus, that also reads and writes the bucket itself.', 'nothing stored: the request travels over gRPC', 'phase9/backup-misses'],
        ['datacoord', 'It pauses garbage collection (HTTP /management/datacoord/garbage_collection/pause), so no file it copies is removed midway.', 'nothing stored: this happens in memory (GC paused)', 'phase9/backup-misses'],
        ['proxy', 'It reads the collections\' schemas, partitions and flushed segments through the API; rows not yet flushed are in no segment it sees.', 'reads root-coord/ and datacoord-meta/ through the server, never etcd directly', 'phase9/backup-misses'],
        ['objectstorage', 'It copies each flushed segment\'s files and writes the metadata beside them; a cold backup copies the bucket whole instead.', 'copies insert_log/, delta_log/ and stats_log/ into backup/<name>/binlogs/, metadata into backup/<name>/meta/', 'phase9/cold-backup'],
        ['datacoord', 'It resumes garbage collection.', 'nothing stored: this happens in memory', 'phase9/backup-misses'],
        ['etcd', 'A restore creates new collections through the API and imports the copied files, so every ID and key is new; etcd is never copied, except by a cold backup (etcdctl snapshot save).', 'new keys under by-dev/meta/root-coord/ and datacoord-meta/', 'phase9/logical-restore'],
      ],
    },
    streaming: {
      insert: [
        ['sdk', 'Your app calls insert(), and pymilvus sends the rows to the Proxy exactly as in 2.5.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['proxy', 'The Proxy checks the rows, hashes primary keys to shards (vchannels) and routes each shard\'s rows to the Streaming Node that owns it.', 'reads the schema it cached from by-dev/meta/root-coord/database/collection-info/<dbID>/<collID>', 'phase1/follow-a-collection'],
        ['streamingnode', 'The Streaming Node assigns the rows to a growing segment itself; DataCoord is no longer asked on every insert.', 'nothing stored: this happens in memory (the growing segment it assigns)', 'phase4/segment-size'],
        ['wal', 'It appends the rows to the shard\'s write-ahead log and acknowledges the insert once the append succeeds.', 'the shard\'s write-ahead log (Woodpecker, Pulsar or Kafka)', 'phase3/mq-rocksmq'],
        ['querynode', 'The shard\'s delegator, a Query Node embedded in the Streaming Node, tails the WAL into growing data, so the rows are searchable without a flush.', 'nothing stored: this happens in memory (growing data)', 'phase1/consistency'],
      ],
      search: [
        ['sdk', 'Your app calls search() with query vectors, a top-k limit and an optional filter expression.', 'nothing stored: the request travels over gRPC', 'phase7/server-latency'],
        ['proxy', 'The Proxy validates the request and picks a guarantee timestamp from the consistency level (Bounded by default).', 'the guarantee timestamp comes from the TSO, kept at by-dev/kv/gid/timestamp', 'phase1/consistency'],
        ['mixcoord', 'The Proxy gets each shard\'s delegator from MixCoord, which now does QueryCoord\'s job, and caches the answer.', 'replicas and shard delegators, saved under by-dev/meta/querycoord-replica/', 'phase5/load-release'],
        ['querynode', 'Each delegator searches the growing data and fans out to the Query Nodes that hold sealed segments; each returns a partial top-k.', 'loaded segments in memory, or memory-mapped files on local disk', 'phase7/mmap-memory'],
        ['proxy', 'The Proxy merges (reduces) the partial results from all shards into one global top-k.', 'nothing stored: this happens in memory', 'phase7/server-latency'],
        ['sdk', 'The Proxy returns the IDs, distances and requested output fields to your app.', 'nothing stored: the request travels over gRPC (milvus_proxy_sq_latency times it)', 'phase10/dashboard'],
      ],
      flush: [
        ['sdk', 'Your app calls flush() on a collection, typically after a bulk insert.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['proxy', 'The Proxy forwards the flush to MixCoord, which now plays DataCoord\'s part.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['mixcoord', 'MixCoord asks for every growing segment in the collection\'s shards to be sealed.', 'the segments\' state in by-dev/meta/datacoord-meta/s/', 'phase4/segment-size'],
        ['streamingnode', 'The Streaming Node that owns each shard seals those segments and writes their rows as binlogs (flushing moved here from the Data Node).', 'nothing stored: this happens in memory (serializing binlogs)', 'phase10/keys-rotated'],
        ['objectstorage', 'The binlogs land in object storage under insert_log/, with deletes under delta_log/, as in 2.5.', 'insert_log/<collID>/... , delta_log/ and stats_log/ under the bucket\'s root path', 'phase1/follow-a-collection'],
        ['etcd', 'MixCoord records the segment\'s binlog paths and its Flushed state in etcd, under by-dev/meta/datacoord-meta/.', 'by-dev/meta/datacoord-meta/ (binlog paths, Flushed state)', 'phase1/follow-a-collection'],
      ],
      index: [
        ['sdk', 'Your app calls create_index() with a field, an index type such as HNSW, and its parameters.', 'nothing stored: the request travels over gRPC', 'phase5/index-choice'],
        ['proxy', 'The Proxy validates the index parameters and passes the request to MixCoord.', 'nothing stored: the request travels over gRPC', 'phase5/index-choice'],
        ['mixcoord', 'MixCoord saves the index definition and schedules one build task per sealed segment on a Data Node.', 'the index definition at by-dev/meta/field-index/<collID>/<indexID>', 'phase5/index-choice'],
        ['datanode', 'A Data Node, which took over the Index Node\'s job in 2.6, reads the segment\'s binlogs and builds the index.', 'reads the segment\'s insert_log/ from the bucket', 'phase10/index-never-builds'],
        ['objectstorage', 'The Data Node uploads the finished index files to object storage under index_files/<buildID>/...', 'index_files/<buildID>/... under the bucket\'s root path', 'phase5/index-choice'],
        ['etcd', 'MixCoord marks the segment index as finished and records its file keys in etcd (by-dev/meta/segment-index/...).', 'by-dev/meta/segment-index/<collID>/<partID>/<segID>/<buildID>', 'phase10/index-never-builds'],
        ['querynode', 'Query Nodes load the index files for the sealed segments they serve, and searches on those segments use the index.', 'reads index_files/ into memory', 'phase5/load-release'],
      ],
      delete: [
        ['sdk', 'Your app calls delete() with primary keys or a filter expression, as in 2.5.', 'nothing stored: the request travels over gRPC', 'phase5/filtered-delete'],
        ['proxy', 'For a filter, the Proxy first queries the matching primary keys, then routes each key to the Streaming Node that owns its shard.', 'nothing stored: this happens in memory', 'phase5/filtered-delete'],
        ['streamingnode', 'The Streaming Node appends the delete to the shard\'s WAL and records it for its L0 segment.', 'the shard\'s write-ahead log', 'phase7/deletes-and-space'],
        ['querynode', 'The delegator and the Query Nodes holding sealed segments apply the delete in memory; the rows drop out of results.', 'nothing stored: this happens in memory', 'phase5/filtered-delete'],
        ['objectstorage', 'At the next flush the deletes are written as delta logs; the rows stay in insert_log/ until a compaction.', 'delta_log/<collID>/... under the bucket\'s root path', 'phase7/deletes-and-space'],
      ],
      load: [
        ['sdk', 'Your app calls load_collection() (release_collection() is the way back), as in 2.5.', 'nothing stored: the request travels over gRPC', 'phase5/load-release'],
        ['proxy', 'The Proxy passes the request to MixCoord and waits until the collection is loaded.', 'nothing stored: the request travels over gRPC', 'phase5/load-release'],
        ['mixcoord', 'MixCoord, doing QueryCoord\'s job, records the load and the replicas and assigns segments to Query Nodes.', 'by-dev/meta/querycoord-collection-loadinfo/<collID> and querycoord-replica/', 'phase5/load-release'],
        ['streamingnode', 'Each shard\'s delegator, inside the Streaming Node that owns the shard, serves its growing data.', 'nothing stored: this happens in memory (growing data from the WAL)', 'phase1/consistency'],
        ['querynode', 'Query Nodes load the sealed segments and their index files.', 'reads insert_log/ and index_files/ from the bucket', 'phase7/mmap-memory'],
        ['mixcoord', 'On release, MixCoord removes the load and tells the nodes to drop the segments.', 'deletes querycoord-collection-loadinfo/<collID> and its replicas', 'phase5/load-release'],
        ['querynode', 'The Query Nodes free the memory; searches fail with "collection not loaded" until the next load.', 'nothing stored: this happens in memory (freed)', 'phase10/frozen-and-unloaded'],
      ],
      compaction: [
        ['mixcoord', 'MixCoord, doing DataCoord\'s job, picks segments to rewrite: L0 deletes to apply, small or delete-heavy segments.', 'reads the segments in by-dev/meta/datacoord-meta/s/', 'phase7/deletes-and-space'],
        ['datanode', 'A Data Node reads the segments\' insert and delta logs and writes one new segment without the deleted rows.', 'reads insert_log/ and delta_log/; writes a new segment', 'phase7/deletes-and-space'],
        ['etcd', 'MixCoord records the new segment and marks the old ones Dropped.', 'by-dev/meta/datacoord-meta/s/', 'phase7/small-segments'],
        ['querynode', 'Query Nodes swap the compacted segment in for the old ones.', 'reads the new segment\'s index_files/', 'phase7/small-segments'],
        ['mixcoord', 'Garbage collection removes a dropped segment\'s files once gc.dropTolerance has passed.', 'deletes the dropped segments\' keys', 'phase3/shared-bucket'],
        ['objectstorage', 'The files go, and the space comes back.', 'deletes the dropped segments\' files under the root path', 'phase3/shared-bucket'],
      ],
      ddl: [
        ['sdk', 'Your app calls create_collection() with a schema, as in 2.5.', 'nothing stored: the request travels over gRPC', 'phase1/follow-a-collection'],
        ['proxy', 'The Proxy checks the schema against its limits and forwards it to MixCoord.', 'nothing stored: the request travels over gRPC', 'phase5/schema-design'],
        ['mixcoord', 'MixCoord, doing RootCoord\'s job, allocates the IDs and a timestamp from the TSO.', 'by-dev/kv/gid/idTimestamp and by-dev/kv/gid/timestamp', 'phase1/follow-a-collection'],
        ['etcd', 'MixCoord writes the collection\'s metadata: this key is what makes the collection exist.', 'by-dev/meta/root-coord/database/collection-info/<dbID>/<collID> and root-coord/fields/<collID>/', 'phase1/follow-a-collection'],
        ['streamingnode', 'The create is appended to the WAL of each of the collection\'s shards, owned by Streaming Nodes.', 'the shards\' write-ahead logs', 'phase3/mq-rocksmq'],
      ],
      startup: [
        ['querynode', 'A new Query Node starts and first takes a server ID.', 'by-dev/meta/session/id (the server ID counter)', 'phase1/map-instance'],
        ['etcd', 'It registers its session, a key held by a lease it keeps alive (common.session.ttl, 15 s in 2.6).', 'by-dev/meta/session/querynode-<serverID>', 'phase1/map-instance'],
        ['mixcoord', 'MixCoord watches the session prefix, sees the new node, and balances segments onto it.', 'watches by-dev/meta/session/', 'phase1/map-instance'],
        ['etcd', 'If etcd stops answering for longer than the TTL, the leases expire and the processes that lose theirs exit.', 'by-dev/meta/session/ (keys expire)', 'phase10/etcd-stall'],
      ],
      backup: [
        ['sdk', 'milvus-backup create -n nightly: a client of Milvus that also reads and writes the bucket itself.', 'nothing stored: the request travels over gRPC', 'phase9/backup-misses'],
        ['mixcoord', 'It pauses garbage collection over MixCoord\'s HTTP management API, so no file it copies is removed midway.', 'nothing stored: this happens in memory (GC paused)', 'phase9/backup-misses'],
        ['proxy', 'It reads the schemas, partitions and flushed segments through the API; unflushed rows are not in the backup.', 'reads the metadata through the server, never etcd directly', 'phase9/backup-misses'],
        ['objectstorage', 'It copies each flushed segment\'s files and writes the metadata beside them.', 'copies the segments\' files into backup/<name>/ in the bucket', 'phase9/cold-backup'],
        ['mixcoord', 'It resumes garbage collection.', 'nothing stored: this happens in memory', 'phase9/backup-misses'],
        ['etcd', 'A restore creates new collections and imports the copied files, so every ID and key is new.', 'new keys under by-dev/meta/', 'phase9/logical-restore'],
      ],
    },
  };

  // Role lines that change with the streaming layout; the HTML carries the
  // coordinators layout's wording.
  const STREAMING_ROLES = {
    mixcoord: 'All coordination in one process, streaming included',
    querynode: 'Serves sealed segments; delegators live in Streaming Nodes',
    datanode: 'Compaction and index builds (absorbed the Index Node)',
  };

  // Short names for the hop line and the step list (the box titles are long).
  const SHORT = { sdk: 'Client SDK', etcd: 'etcd', objectstorage: 'Object storage', wal: 'Log / WAL' };

  const PLAY_MS = 1200; // auto-advance interval: slow enough to read the hop label

  function init() {
    const root = document.getElementById('milvus-architecture');
    if (!root || root.classList.contains('ma-ready')) return; // other pages, or already set up

    const $ = (sel) => root.querySelector(sel);
    const $$ = (sel) => Array.from(root.querySelectorAll(sel));
    const boxes = $$('[data-component]');
    const box = (id) => root.querySelector('[data-component="' + id + '"]');
    const nameOf = (id) => SHORT[id] || box(id).querySelector('.ma-name').textContent;
    const htmlRoles = {};
    boxes.forEach((b) => { htmlRoles[b.dataset.component] = b.querySelector('.ma-role').textContent; });
    // Per version: its boxes, its flow layout and a note (see book.rs).
    const VERSIONS = JSON.parse(document.getElementById('ma-version-data').textContent);
    // Per box: what it does, metrics, failures and its labs (see book.rs).
    const COMPONENTS = JSON.parse(document.getElementById('ma-component-data').textContent);
    // Every lab's title and page, by id (see book.rs).
    const LABS = JSON.parse(document.getElementById('ma-lab-data').textContent);
    const details = $('[data-role="component-details"]');

    const ui = {
      prev: $('[data-action="prev"]'),
      next: $('[data-action="next"]'),
      play: $('[data-action="play"]'),
      counter: $('[data-role="step-counter"]'),
      text: $('[data-role="step-text"]'),
      where: $('[data-role="step-where"]'),
      lab: $('[data-role="step-lab"]'),
      hop: $('[data-role="hop"]'),
      list: $('[data-role="step-list"]'),
      panel: $('[role="tabpanel"]'),
    };
    const state = { version: root.dataset.activeVersion, flow: 'insert', step: 0, timer: null, built: '' };
    const layout = () => VERSIONS[state.version].flows;
    const steps = () => FLOWS[layout()][state.flow];
    const note = $('[data-role="version-note"]');

    // Rebuild the step list and the per-box step badges only when the flow changes,
    // so clicking a list item does not destroy the focused button.
    function buildList() {
      const key = layout() + '/' + state.flow;
      if (state.built === key) return;
      state.built = key;
      ui.list.textContent = '';
      root.querySelectorAll('.ma-badge').forEach((n) => n.remove());
      const seen = {};
      steps().forEach(([id], i) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.step = String(i);
        b.textContent = nameOf(id);
        li.appendChild(b);
        ui.list.appendChild(li);
        (seen[id] = seen[id] || []).push(i + 1);
      });
      boxes.forEach((b) => {
        const nums = seen[b.dataset.component];
        b.classList.toggle('ma-idle', !nums); // dim boxes the flow never visits
        if (!nums) return;
        const badge = document.createElement('span');
        badge.className = 'ma-badge';
        badge.setAttribute('aria-hidden', 'true');
        badge.textContent = nums.join(' · ');
        b.appendChild(badge);
      });
    }

    function render() {
      const list = steps();
      const [id, sentence, where, labId] = list[state.step];
      const from = state.step > 0 ? list[state.step - 1][0] : null;
      const present = VERSIONS[state.version].components;

      root.setAttribute('data-active-version', state.version);
      $$('[data-version]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.version === state.version)));
      $$('[data-flow]').forEach((t) => {
        const on = t.dataset.flow === state.flow;
        t.setAttribute('aria-selected', String(on));
        if (on) ui.panel.setAttribute('aria-labelledby', t.id);
      });

      buildList();
      boxes.forEach((b) => {
        const c = b.dataset.component;
        b.hidden = !present.includes(c);
        b.querySelector('.ma-role').textContent =
          (layout() === 'streaming' && STREAMING_ROLES[c]) || htmlRoles[c];
        b.classList.toggle('active', c === id);
        b.classList.toggle('from', c === from && c !== id);
        if (c === id) b.setAttribute('aria-current', 'step');
        else b.removeAttribute('aria-current');
      });

      Array.from(ui.list.children).forEach((li, i) => {
        if (i === state.step) li.setAttribute('aria-current', 'step');
        else li.removeAttribute('aria-current');
      });
      note.textContent = VERSIONS[state.version].note;
      // A box the version does not have cannot stay described.
      if (details.dataset.component && !present.includes(details.dataset.component)) {
        details.textContent = '';
        delete details.dataset.component;
      }
      ui.counter.textContent = 'Step ' + (state.step + 1) + ' of ' + list.length;
      ui.hop.textContent = from ? nameOf(from) + ' \u2192 ' + nameOf(id) : 'Start: ' + nameOf(id);
      ui.text.textContent = sentence;
      ui.where.textContent = 'Touches: ' + where;
      ui.lab.textContent = '';
      const lab = LABS[labId];
      if (lab) {
        ui.lab.appendChild(document.createTextNode('See it live: '));
        const link = element('a', lab.title);
        link.href = (window.path_to_root || '') + lab.href;
        ui.lab.appendChild(link);
        ui.lab.appendChild(element('code', ' cargo xtask lab ' + labId));
      }
      ui.prev.disabled = state.step === 0;
      ui.next.disabled = state.step === list.length - 1;
      ui.play.textContent = state.timer ? '\u275A\u275A Pause' : '\u25B6 Play';
    }

    function element(tag, text, className) {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    // The details of one box, below the diagram; built from the JSON with
    // textContent only, so no text is ever parsed as HTML.
    function showComponent(id) {
      const c = COMPONENTS[id];
      details.textContent = '';
      details.dataset.component = id;
      details.appendChild(element('h3', c.name));
      details.appendChild(element('p', c.does));
      details.appendChild(element('h4', 'Metrics'));
      details.appendChild(element('p', c.metrics_endpoint, 'ma-endpoint'));
      if (c.metrics.length) {
        const list = element('ul', undefined, 'ma-metrics');
        c.metrics.forEach((m) => list.appendChild(element('li')).appendChild(element('code', m)));
        details.appendChild(list);
      }
      details.appendChild(element('h4', 'When it fails'));
      if (c.failures.length) {
        const list = element('ul', undefined, 'ma-failures');
        c.failures.forEach((f) => {
          const item = list.appendChild(element('li', f.symptom + ': '));
          item.appendChild(element('code', f.says));
        });
        details.appendChild(list);
      } else {
        details.appendChild(element('p', 'No lab breaks it yet.'));
      }
      details.appendChild(element('h4', 'Labs'));
      if (c.labs.length) {
        const list = element('ul', undefined, 'ma-labs');
        c.labs.forEach((lab) => {
          const link = element('a', lab.title);
          link.href = (window.path_to_root || '') + lab.href;
          const item = list.appendChild(element('li'));
          item.appendChild(link);
          item.appendChild(element('span', ' (' + lab.mode + ', cargo xtask lab ' + lab.id + ')'));
        });
        details.appendChild(list);
      } else {
        details.appendChild(element('p', 'No lab exercises it on its own.'));
      }
    }

    function go(step) {
      const last = steps().length - 1;
      state.step = Math.max(0, Math.min(last, step));
      render();
      // A button that just became disabled drops keyboard focus to <body>, which
      // would end arrow-key stepping; move focus to its enabled partner instead.
      const f = document.activeElement;
      if (f && f.disabled && root.contains(f)) (f === ui.next ? ui.prev : ui.next).focus();
    }

    function stop() {
      if (!state.timer) return;
      clearInterval(state.timer);
      state.timer = null;
      render();
    }

    function play() {
      if (state.timer) { stop(); return; }
      if (state.step === steps().length - 1) state.step = 0; // replay from the start
      state.timer = setInterval(() => {
        go(state.step + 1);
        if (state.step === steps().length - 1) stop();
      }, PLAY_MS);
      render();
    }

    // Any click in the widget other than Play stops auto-play (capture runs first).
    root.addEventListener('click', (e) => {
      if (!e.target.closest('[data-action="play"]')) stop();
    }, true);

    boxes.forEach((b) => {
      b.tabIndex = 0;
      b.setAttribute('role', 'button');
      b.addEventListener('click', () => showComponent(b.dataset.component));
      b.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showComponent(b.dataset.component); }
      });
    });

    root.addEventListener('click', (e) => {
      const t = e.target.closest('button');
      if (!t || !root.contains(t)) return;
      if (t.dataset.version) {
        state.version = t.dataset.version;
        go(0); // a version change restarts the current flow
      } else if (t.dataset.flow) {
        state.flow = t.dataset.flow;
        go(0);
      } else if (t.dataset.step) {
        go(Number(t.dataset.step));
      } else if (t.dataset.action === 'prev') {
        go(state.step - 1);
      } else if (t.dataset.action === 'next') {
        go(state.step + 1);
      } else if (t.dataset.action === 'play') {
        play();
      }
    });

    root.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const last = steps().length - 1;
      const target = { ArrowRight: state.step + 1, ArrowLeft: state.step - 1, Home: 0, End: last }[e.key];
      if (target === undefined) return;
      // mdBook binds ArrowLeft/ArrowRight on document to change chapter; keep
      // these keys inside the widget so stepping never leaves the page.
      e.preventDefault();
      e.stopPropagation();
      stop();
      go(target);
    });

    root.classList.add('ma-ready'); // reveals the JS-only controls (see CSS)
    render();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
