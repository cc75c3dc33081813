/*
 * The course roadmap in content/roadmap.md. mdBook loads this file on every
 * page, so it does nothing unless the page has #roadmap-view. The phases
 * and labs are static HTML written by `cargo xtask book` from the catalogue;
 * this script adds the one-phase-at-a-time walkthrough and reads a progress
 * file from `cargo xtask list --format json`.
 */
(function () {
  'use strict';

  const FORMAT = 'milvus-labs progress 1';

  function init() {
    const root = document.getElementById('roadmap-view');
    if (!root || root.classList.contains('rm-ready')) return;

    const $ = (sel) => root.querySelector(sel);
    const phases = Array.from(root.querySelectorAll('.rm-phase'));
    const ui = {
      overview: $('[data-action="overview"]'),
      prev: $('[data-action="prev"]'),
      next: $('[data-action="next"]'),
      counter: $('[data-role="phase-counter"]'),
      file: $('[data-role="progress-file"]'),
      summary: $('[data-role="progress-summary"]'),
    };
    // `null`: every phase shown; a number: the walkthrough's phase index.
    const state = { current: null };

    function render() {
      const walking = state.current !== null;
      phases.forEach((p, i) => { p.hidden = walking && i !== state.current; });
      ui.overview.setAttribute('aria-pressed', String(!walking));
      ui.prev.disabled = walking && state.current === 0;
      ui.next.disabled = walking && state.current === phases.length - 1;
      ui.counter.textContent = walking
        ? 'Phase ' + (state.current + 1) + ' of ' + phases.length
        : 'All ' + phases.length + ' phases';
    }

    function go(index) {
      state.current = Math.max(0, Math.min(phases.length - 1, index));
      render();
    }

    root.addEventListener('click', (e) => {
      const t = e.target.closest('button');
      if (!t || !root.contains(t)) return;
      if (t.dataset.action === 'overview') { state.current = null; render(); }
      else if (t.dataset.action === 'prev') go(state.current === null ? 0 : state.current - 1);
      else if (t.dataset.action === 'next') go(state.current === null ? 0 : state.current + 1);
    });

    // A link to a phase (Builds on: ...) opens that phase in the walkthrough.
    root.addEventListener('click', (e) => {
      const a = e.target.closest('a[href^="#rm-phase-"]');
      if (!a || state.current === null) return;
      go(phases.findIndex((p) => '#' + p.id === a.getAttribute('href')));
    });

    function showProgress(progress) {
      if (!progress || progress.format !== FORMAT || !Array.isArray(progress.labs)) {
        throw new Error('this is not a progress file from `cargo xtask list --format json`');
      }
      const status = {};
      progress.labs.forEach((lab) => { status[lab.id] = lab.status; });
      let passed = 0;
      let total = 0;
      root.querySelectorAll('[data-lab]').forEach((li) => {
        const s = status[li.dataset.lab] || 'not started';
        li.dataset.status = s;
        li.classList.toggle('rm-next', li.dataset.lab === progress.next);
        const words = [];
        if (s !== 'not started') words.push(s);
        if (li.dataset.lab === progress.next) words.push('next');
        li.querySelector('[data-role="status"]').textContent = words.join(', ');
        total += 1;
        if (s === 'passed') passed += 1;
      });
      phases.forEach((p) => {
        const labs = p.querySelectorAll('[data-lab]');
        const done = p.querySelectorAll('[data-lab][data-status="passed"]').length;
        const line = p.querySelector('[data-role="phase-progress"]');
        if (line) line.textContent = 'You passed ' + done + ' of ' + labs.length + '.';
      });
      ui.summary.textContent = 'You passed ' + passed + ' of ' + total + ' labs. ' +
        (progress.next ? 'Next: cargo xtask lab ' + progress.next : 'Every lab is passed.');
    }

    ui.file.addEventListener('change', () => {
      const file = ui.file.files[0];
      if (!file) return;
      file.text().then((text) => {
        try { showProgress(JSON.parse(text)); }
        catch (error) { ui.summary.textContent = file.name + ': ' + error.message; }
      });
    });

    root.classList.add('rm-ready');
    render();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
