/*
 * The deployment-mode diagram in content/deployment-modes.md: one mode shown
 * at a time. The sections are static HTML written by `cargo xtask book` from
 * fixtures::deployments and the catalogue; without script all are shown.
 */
(function () {
  'use strict';

  function init() {
    const root = document.getElementById('deployment-modes-view');
    if (!root || root.classList.contains('dm-ready')) return;
    const buttons = Array.from(root.querySelectorAll('button[data-mode]'));
    const sections = Array.from(root.querySelectorAll('section[data-mode]'));

    function show(mode) {
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === mode)));
      sections.forEach((s) => { s.hidden = s.dataset.mode !== mode; });
      root.dataset.activeMode = mode;
    }

    root.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-mode]');
      if (b && root.contains(b)) show(b.dataset.mode);
    });

    root.classList.add('dm-ready');
    show(buttons[0].dataset.mode);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
