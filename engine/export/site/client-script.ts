// The site's only script (inlined under a CSP hash): theme toggle remembered in localStorage when
// there is one, the collapsible table of contents on narrow screens, the current-section marker,
// and the BibTeX copy button. It reads nothing from the page's text as code and loads nothing.

export const THEME_STORAGE_KEY = 'folio-site-theme';

export const CLIENT_SCRIPT = `
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  var KEY = ${JSON.stringify(THEME_STORAGE_KEY)};
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { saved = null; }
  if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);
  function current() {
    var t = root.getAttribute('data-theme');
    if (t === 'light' || t === 'dark') return t;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  function ready() {
    var toggle = document.querySelector('.theme-toggle');
    if (toggle) {
      var label = toggle.querySelector('.label');
      var show = function () {
        var dark = current() === 'dark';
        toggle.setAttribute('aria-pressed', dark ? 'true' : 'false');
        toggle.setAttribute('title', dark ? 'Switch to the light theme' : 'Switch to the dark theme');
        if (label) label.textContent = dark ? 'Light' : 'Dark';
      };
      show();
      toggle.addEventListener('click', function () {
        var next = current() === 'dark' ? 'light' : 'dark';
        root.setAttribute('data-theme', next);
        try { window.localStorage.setItem(KEY, next); } catch (e) { /* no storage on this page: the choice lasts until reload */ }
        show();
      });
      if (window.matchMedia) {
        var mq = window.matchMedia('(prefers-color-scheme: dark)');
        if (mq.addEventListener) mq.addEventListener('change', show);
      }
    }

    var toc = document.querySelector('.toc');
    var tocButton = document.querySelector('.toc-toggle');
    if (toc && tocButton) {
      tocButton.addEventListener('click', function () {
        var open = toc.classList.toggle('open');
        tocButton.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
      toc.addEventListener('click', function (ev) {
        if (ev.target && ev.target.closest && ev.target.closest('a')) {
          toc.classList.remove('open');
          tocButton.setAttribute('aria-expanded', 'false');
        }
      });
    }

    var links = Array.prototype.slice.call(document.querySelectorAll('.toc-sections a[href^="#"]'));
    if (links.length && 'IntersectionObserver' in window) {
      var byId = {};
      links.forEach(function (a) { byId[a.getAttribute('href').slice(1)] = a; });
      var visible = {};
      var mark = function () {
        var first = null;
        links.forEach(function (a) { var id = a.getAttribute('href').slice(1); if (!first && visible[id]) first = a; });
        if (!first) return;
        links.forEach(function (a) { if (a === first) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current'); });
      };
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
        mark();
      }, { rootMargin: '-15% 0px -55% 0px' });
      Object.keys(byId).forEach(function (id) { var s = document.getElementById(id); if (s) io.observe(s); });
    }

    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (btn) {
      var original = btn.textContent;
      var done = function (ok) {
        btn.textContent = ok ? 'Copied' : 'Press Ctrl+C';
        btn.classList.toggle('copied', ok);
        window.setTimeout(function () { btn.textContent = original; btn.classList.remove('copied'); }, 2000);
      };
      btn.addEventListener('click', function () {
        var el = document.getElementById(btn.getAttribute('data-copy'));
        var text = el ? el.textContent : '';
        var fallback = function () {
          var ta = document.createElement('textarea');
          ta.className = 'clipboard-fallback';
          ta.value = text;
          ta.setAttribute('readonly', '');
          document.body.appendChild(ta);
          ta.select();
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          document.body.removeChild(ta);
          if (!ok && el) { var r = document.createRange(); r.selectNodeContents(el); var s = window.getSelection(); if (s) { s.removeAllRanges(); s.addRange(r); } }
          done(ok);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        else fallback();
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
`.trim();
