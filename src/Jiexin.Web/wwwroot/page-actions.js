// Small behaviours of static pages, in a file because the Content-Security-Policy runs no inline script (ADR 0027).
(function () {
  // Print buttons: <button data-print>.
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });

  // "Use my location" on the resident report form: shown only when the phone can locate; fills the two fields.
  // Texts come from data attributes because the page's text is HTML-encoded, which a script would not decode.
  var b = document.getElementById('use-location'), s = document.getElementById('location-status');
  if (!b || !s || !navigator.geolocation) return;
  b.hidden = false;
  b.addEventListener('click', function () {
    s.textContent = s.dataset.locating;
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('latitude').value = p.coords.latitude.toFixed(6);
      document.getElementById('longitude').value = p.coords.longitude.toFixed(6);
      s.textContent = s.dataset.done;
    }, function () { s.textContent = s.dataset.failed; }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
