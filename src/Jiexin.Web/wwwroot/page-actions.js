// Small behaviours of static pages, in a file because the Content-Security-Policy runs no inline script (ADR 0027).
(function () {
  // Print buttons: <button data-print>.
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });

  // Maps that pick a place (PlaceMap, Pickable: the resident's report, the grid worker's patrol report). A tap fills
  // the coordinates of the fieldset the map is in; the pin follows coordinates typed or filled by a location button
  // (those send an input event). Texts come from data attributes: the page's text is HTML-encoded for a script.
  function num(v) { return parseFloat(String(v).trim().replace(/[。．，]/g, '.')); }
  document.querySelectorAll('svg[data-pick]').forEach(function (map) {
    // The projection is PlaceMapView's: x = (lng - west) * factor * scale, y = (north - lat) * scale.
    var box = map.closest('fieldset'), pin = map.querySelector('[data-marker="primary"]');
    var lat = box && box.querySelector('input[name$="Latitude"]'), lng = box && box.querySelector('input[name$="Longitude"]');
    var s = box && box.querySelector('[role="status"]'), d = map.dataset, scale = +d.scale;
    if (!lat || !lng || !pin) return;
    function showPin() {
      var la = num(lat.value), ln = num(lng.value);
      if (!isFinite(la) || !isFinite(ln)) { pin.setAttribute('visibility', 'hidden'); return; }
      var x = (ln - +d.west) * +d.lngFactor * scale, y = (+d.north - la) * scale;
      pin.setAttribute('transform', 'translate(' + x.toFixed(1) + ' ' + y.toFixed(1) + ')');
      pin.setAttribute('visibility', 'visible');
    }
    map.addEventListener('click', function (e) {
      var ctm = map.getScreenCTM();
      if (!ctm) return;
      var p = map.createSVGPoint();
      p.x = e.clientX; p.y = e.clientY;
      p = p.matrixTransform(ctm.inverse());
      lat.value = (+d.north - p.y / scale).toFixed(6);
      lng.value = (+d.west + p.x / (+d.lngFactor * scale)).toFixed(6);
      if (s) s.textContent = s.dataset.picked;
      showPin();
    });
    lat.addEventListener('input', showPin);
    lng.addEventListener('input', showPin);
  });

  // A field's error goes once the field is edited, so the red line under it says what is still wrong, not what was.
  // The message is the field's "<id>-error" (or named by its aria-describedby); the server checks again on submit.
  function clear(e) {
    var f = e.target;
    if (!f.id) return;
    ((f.getAttribute('aria-describedby') || '') + ' ' + f.id + '-error').split(' ').forEach(function (id) {
      var m = /-error$/.test(id) && document.getElementById(id);
      if (m) m.style.display = 'none';
    });
  }
  document.addEventListener('input', clear);
  document.addEventListener('change', clear);

  // The resident form's "use my location": shown only when the phone can locate; fills the two fields.
  var lat = document.getElementById('latitude'), lng = document.getElementById('longitude');
  var s = document.getElementById('location-status'), b = document.getElementById('use-location');
  if (!lat || !lng || !s || !b || !navigator.geolocation) return;
  b.hidden = false;
  b.addEventListener('click', function () {
    s.textContent = s.dataset.locating;
    navigator.geolocation.getCurrentPosition(function (p) {
      lat.value = p.coords.latitude.toFixed(6);
      lng.value = p.coords.longitude.toFixed(6);
      s.textContent = s.dataset.done;
      lat.dispatchEvent(new Event('input'));
    }, function () { s.textContent = s.dataset.failed; }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
