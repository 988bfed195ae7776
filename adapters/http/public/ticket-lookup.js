/* global document, window, fetch, setTimeout */
// Keeps the ticket page current for the first moments after a report: while the ticket is still
// waiting for dispatch, poll its JSON and reload the page when anything visible changes.
(function () {
  'use strict';

  var el = document.getElementById('ticket');
  if (!el) return;
  var number = el.getAttribute('data-number');
  var status = el.getAttribute('data-status');
  var triage = el.getAttribute('data-triage') === 'true';
  if ((status !== 'new' && status !== 'accepted') || triage) return;

  var started = Date.now();
  var delay = 500;

  function tick() {
    if (Date.now() - started > 30000) return;
    fetch('/t/' + encodeURIComponent(number) + '.json', { headers: { Accept: 'application/json' } })
      .then(function (res) {
        if (res.status === 429) return null;
        return res.ok ? res.json() : { retry: true };
      })
      .then(function (body) {
        if (body === null) return;
        var ticket = body.ticket;
        if (ticket && (ticket.status !== status || ticket.triage !== triage)) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.5, 3000);
        setTimeout(tick, delay);
      })
      .catch(function () {
        setTimeout(tick, 3000);
      });
  }
  setTimeout(tick, delay);
})();
