/*
 * Interactive Milvus architecture diagram for content/architecture.md.
 * mdBook loads this file on every page (additional-js), so it does nothing
 * unless the page contains #milvus-architecture. The boxes are static HTML in
 * the page (readable without JS); this script adds the version switch, the
 * flows and the stepping.
 */
(function () {
  'use strict';

  // The flows, keyed by layout then flow: one [component id, sentence] per hop.
  // Which layout a version has, and which boxes, comes from the version module
  // (the JSON the book build writes into the page), not from this file.
  // The id sequences are a contract checked by a browser test; keep them exact.
  const FLOWS = {
    coordinators: {
      insert: [
        ['sdk', 'Your app calls insert(), and pymilvus sends the batch of rows over gRPC to the Proxy.'],
        ['proxy', 'The Proxy checks the rows against the collection schema and hashes each primary key to a shard, i.e. a virtual channel (vchannel).'],
        ['datacoord', 'DataCoord assigns segment IDs, so each shard\'s rows land in one of its growing segments.'],
        ['wal', 'The Proxy publishes the rows to the shard\'s DML channel in the log; once the log has them, insert() returns.'],
        ['datanode', 'The Data Node that watches the channel consumes the rows and buffers them in growing segments until they are flushed.'],
        ['querynode', 'The Query Node serving the shard consumes the same channel, so the fresh rows are searchable before any flush.'],
      ],
      search: [
        ['sdk', 'Your app calls search() with query vectors, a top-k limit and an optional filter expression.'],
        ['proxy', 'The Proxy validates the request and picks a guarantee timestamp from the consistency level (Bounded by default).'],
        ['querycoord', 'The Proxy asks QueryCoord which Query Nodes lead each shard, and caches the answer for later requests.'],
        ['querynode', 'Each shard leader searches its growing segments, has the sealed segments searched on their Query Nodes, and returns a partial top-k.'],
        ['proxy', 'The Proxy merges (reduces) the partial results from all shards into one global top-k.'],
        ['sdk', 'The Proxy returns the IDs, distances and requested output fields to your app.'],
      ],
      flush: [
        ['sdk', 'Your app calls flush() on a collection, typically after a bulk insert.'],
        ['proxy', 'The Proxy forwards the flush for all of the collection\'s shards to DataCoord.'],
        ['datacoord', 'DataCoord seals the collection\'s growing segments, so they take no more rows.'],
        ['datanode', 'The Data Node serializes each sealed segment\'s buffered rows into binlogs, one set per field.'],
        ['objectstorage', 'The binlogs land in object storage under insert_log/<collection>/<partition>/<segment>/...; deletes go to delta_log/.'],
        ['etcd', 'DataCoord records the segment\'s binlog paths and its Flushed state in etcd, under by-dev/meta/datacoord-meta/.'],
      ],
      index: [
        ['sdk', 'Your app calls create_index() with a field, an index type such as HNSW, and its parameters.'],
        ['proxy', 'The Proxy validates the index parameters and passes the request to DataCoord.'],
        ['datacoord', 'DataCoord (which absorbed IndexCoord in 2.3) saves the index definition and schedules one build task per sealed segment.'],
        ['indexnode', 'An Index Node reads the segment\'s binlogs from object storage and builds the index.'],
        ['objectstorage', 'The Index Node uploads the finished index files to object storage under index_files/<buildID>/...'],
        ['etcd', 'DataCoord marks the segment index as finished and records its file keys in etcd (by-dev/meta/segment-index/...).'],
        ['querynode', 'Query Nodes load the index files for the segments they serve, and searches on those segments use the index.'],
      ],
    },
    streaming: {
      insert: [
        ['sdk', 'Your app calls insert(), and pymilvus sends the rows to the Proxy exactly as in 2.5.'],
        ['proxy', 'The Proxy checks the rows, hashes primary keys to shards (vchannels) and routes each shard\'s rows to the Streaming Node that owns it.'],
        ['streamingnode', 'The Streaming Node assigns the rows to a growing segment itself; DataCoord is no longer asked on every insert.'],
        ['wal', 'It appends the rows to the shard\'s write-ahead log and acknowledges the insert once the append succeeds.'],
        ['querynode', 'The shard\'s delegator, a Query Node embedded in the Streaming Node, tails the WAL into growing data, so the rows are searchable without a flush.'],
      ],
      search: [
        ['sdk', 'Your app calls search() with query vectors, a top-k limit and an optional filter expression.'],
        ['proxy', 'The Proxy validates the request and picks a guarantee timestamp from the consistency level (Bounded by default).'],
        ['mixcoord', 'The Proxy gets each shard\'s delegator from MixCoord, which now does QueryCoord\'s job, and caches the answer.'],
        ['querynode', 'Each delegator searches the growing data and fans out to the Query Nodes that hold sealed segments; each returns a partial top-k.'],
        ['proxy', 'The Proxy merges (reduces) the partial results from all shards into one global top-k.'],
        ['sdk', 'The Proxy returns the IDs, distances and requested output fields to your app.'],
      ],
      flush: [
        ['sdk', 'Your app calls flush() on a collection, typically after a bulk insert.'],
        ['proxy', 'The Proxy forwards the flush to MixCoord, which now plays DataCoord\'s part.'],
        ['mixcoord', 'MixCoord asks for every growing segment in the collection\'s shards to be sealed.'],
        ['streamingnode', 'The Streaming Node that owns each shard seals those segments and writes their rows as binlogs (flushing moved here from the Data Node).'],
        ['objectstorage', 'The binlogs land in object storage under insert_log/, with deletes under delta_log/, as in 2.5.'],
        ['etcd', 'MixCoord records the segment\'s binlog paths and its Flushed state in etcd, under by-dev/meta/datacoord-meta/.'],
      ],
      index: [
        ['sdk', 'Your app calls create_index() with a field, an index type such as HNSW, and its parameters.'],
        ['proxy', 'The Proxy validates the index parameters and passes the request to MixCoord.'],
        ['mixcoord', 'MixCoord saves the index definition and schedules one build task per sealed segment on a Data Node.'],
        ['datanode', 'A Data Node, which took over the Index Node\'s job in 2.6, reads the segment\'s binlogs and builds the index.'],
        ['objectstorage', 'The Data Node uploads the finished index files to object storage under index_files/<buildID>/...'],
        ['etcd', 'MixCoord marks the segment index as finished and records its file keys in etcd (by-dev/meta/segment-index/...).'],
        ['querynode', 'Query Nodes load the index files for the sealed segments they serve, and searches on those segments use the index.'],
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
    const details = $('[data-role="component-details"]');

    const ui = {
      prev: $('[data-action="prev"]'),
      next: $('[data-action="next"]'),
      play: $('[data-action="play"]'),
      counter: $('[data-role="step-counter"]'),
      text: $('[data-role="step-text"]'),
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
      const [id, sentence] = list[state.step];
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
