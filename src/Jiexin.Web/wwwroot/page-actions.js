// Small behaviours of static pages, in a file because the Content-Security-Policy runs no inline script (ADR 0027).
(function () {
  // Print buttons: <button data-print>.
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });

  // The resident report form's place: a tap on the map (PlaceMap, Pickable), "use my location" or typed coordinates.
  // Texts come from data attributes because the page's text is HTML-encoded, which a script would not decode.
  var lat = document.getElementById('latitude'), lng = document.getElementById('longitude');
  var s = document.getElementById('location-status');
  if (!lat || !lng || !s) return;

  // The map's projection is PlaceMapView's: x = (lng - west) * factor * scale, y = (north - lat) * scale.
  var map = document.querySelector('svg[data-pick]');
  var pin = map && map.querySelector('[data-marker="primary"]');
  function num(v) { return parseFloat(String(v).trim().replace(/[。．，]/g, '.')); }
  function showPin() {
    if (!pin) return;
    var la = num(lat.value), ln = num(lng.value);
    if (!isFinite(la) || !isFinite(ln)) { pin.setAttribute('visibility', 'hidden'); return; }
    var d = map.dataset, scale = +d.scale;
    var x = (ln - +d.west) * +d.lngFactor * scale, y = (+d.north - la) * scale;
    pin.setAttribute('transform', 'translate(' + x.toFixed(1) + ' ' + y.toFixed(1) + ')');
    pin.setAttribute('visibility', 'visible');
  }
  if (map && pin) {
    map.addEventListener('click', function (e) {
      var ctm = map.getScreenCTM();
      if (!ctm) return;
      var p = map.createSVGPoint();
      p.x = e.clientX; p.y = e.clientY;
      p = p.matrixTransform(ctm.inverse());
      var d = map.dataset, scale = +d.scale;
      lat.value = (+d.north - p.y / scale).toFixed(6);
      lng.value = (+d.west + p.x / (+d.lngFactor * scale)).toFixed(6);
      s.textContent = s.dataset.picked;
      showPin();
    });
    lat.addEventListener('input', showPin);
    lng.addEventListener('input', showPin);
  }

  // "Use my location": shown only when the phone can locate; fills the two fields.
  var b = document.getElementById('use-location');
  if (!b || !navigator.geolocation) return;
  b.hidden = false;
  b.addEventListener('click', function () {
    s.textContent = s.dataset.locating;
    navigator.geolocation.getCurrentPosition(function (p) {
      lat.value = p.coords.latitude.toFixed(6);
      lng.value = p.coords.longitude.toFixed(6);
      s.textContent = s.dataset.done;
      showPin();
    }, function () { s.textContent = s.dataset.failed; }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
