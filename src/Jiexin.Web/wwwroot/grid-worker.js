/* Grid worker phone pages: GPS without a framework. Every form also works without this script (type the place). */
(function () {
  'use strict';

  // 1) Forms with a place: fill latitude/longitude from the phone's GPS once on load (if empty) and on the button.
  document.querySelectorAll('[data-locate-box]').forEach(function (box) {
    var lat = box.querySelector('[data-lat]'), lng = box.querySelector('[data-lng]');
    var status = box.querySelector('[data-status]'), button = box.querySelector('[data-locate-button]');
    if (!navigator.geolocation || !lat || !lng) { return; }
    // On load the fix fills only fields still empty when it arrives (the worker may have tapped the map or typed
    // meanwhile); the button always fills. The input event moves the map's pin (page-actions.js).
    function go(onLoad) {
      status.textContent = box.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (p) {
        if (onLoad === true && (lat.value || lng.value)) {
          if (status.textContent === box.dataset.locating) { status.textContent = ''; }
          return;
        }
        lat.value = p.coords.latitude.toFixed(6);
        lng.value = p.coords.longitude.toFixed(6);
        status.textContent = box.dataset.done.replace('{accuracy}', Math.round(p.coords.accuracy));
        lat.dispatchEvent(new Event('input'));
      }, function () { status.textContent = box.dataset.failed; },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
    }
    if (button) { button.hidden = false; button.addEventListener('click', go); }
    if (!lat.value && !lng.value) { go(true); }
  });

  // 2) Patrol under way: watch the position while the page is open, keep fixes in localStorage (the network
  //    drops outdoors) and send them in batches. The server takes only fixes later than its last one, so a
  //    batch sent twice is harmless. Fixes of a patrol stopped while offline are sent on the next page load.
  var PREFIX = 'jx-patrol-';
  function load(key) { try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { return []; } }
  function store(key, queue) {
    try { if (queue.length) { localStorage.setItem(key, JSON.stringify(queue.slice(-3000))); } else { localStorage.removeItem(key); } } catch (e) { }
  }
  var busy = {};
  function send(id, done) {
    var key = PREFIX + id, queue = load(key);
    if (busy[id] || queue.length === 0) { if (done) { done(null); } return; }
    busy[id] = true;
    var batch = queue.slice(0, 200);
    fetch('/api/v1/patrols/' + id + '/points', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ points: batch })
    }).then(function (r) {
      // Taken (200), or never takeable (400 bad data, 404 not mine): drop the batch. 409 and 5xx: keep it for later.
      if (r.ok || r.status === 400 || r.status === 404) { store(key, load(key).slice(batch.length)); }
      return r.ok ? r.json() : null;
    }).then(function (d) { busy[id] = false; if (done) { done(d); } },
      function () { busy[id] = false; if (done) { done(null); } });
  }

  var patrol = document.querySelector('[data-patrol-id]');
  var current = patrol ? patrol.dataset.patrolId : null;
  for (var i = 0; i < localStorage.length; i++) {
    var k = localStorage.key(i);
    if (k && k.indexOf(PREFIX) === 0 && k.slice(PREFIX.length) !== current) { send(k.slice(PREFIX.length)); }
  }
  if (!patrol || !navigator.geolocation) { return; }

  var status = patrol.querySelector('[data-status]'), km = patrol.querySelector('[data-km]'), last = 0;
  function show(d) {
    if (d && km) { km.textContent = (d.distanceMeters / 1000).toFixed(2); }
    if (d) { status.textContent = patrol.dataset.tracking.replace('{count}', load(PREFIX + current).length); }
  }
  navigator.geolocation.watchPosition(function (p) {
    if (p.timestamp - last < 10000) { return; } // one fix per 10 s is plenty on foot
    last = p.timestamp;
    var key = PREFIX + current, queue = load(key);
    queue.push({
      latitude: +p.coords.latitude.toFixed(6), longitude: +p.coords.longitude.toFixed(6),
      accuracyMeters: Math.round(p.coords.accuracy), recordedAt: new Date(p.timestamp).toISOString()
    });
    store(key, queue);
    status.textContent = patrol.dataset.tracking.replace('{count}', queue.length);
    if (queue.length === 1) { send(current, show); }
  }, function () { status.textContent = patrol.dataset.failed; }, { enableHighAccuracy: true, maximumAge: 5000 });
  setInterval(function () { send(current, show); }, 20000);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') { send(current); } });
  // Stopping: send what is queued first (fixes taken before the stop still count if they arrive later).
  var stop = document.querySelector('[data-patrol-stop]');
  if (stop) {
    stop.addEventListener('submit', function (ev) {
      if (stop.dataset.flushed || load(PREFIX + current).length === 0) { return; }
      ev.preventDefault();
      stop.dataset.flushed = '1';
      var t = setTimeout(function () { stop.submit(); }, 4000);
      send(current, function () { clearTimeout(t); stop.submit(); });
    });
  }
})();
