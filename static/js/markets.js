// The ticker bar: the page shows server-rendered prices; this asks for new ones once a
// minute while the tab is visible, and the reader can pause it (WCAG 2.2.2). Nothing moves.
(function () {
  "use strict";
  var bar = document.querySelector("[data-ticker]");
  if (!bar || !window.fetch) return;
  var every = parseInt(bar.getAttribute("data-poll-seconds"), 10) * 1000;
  var button = bar.querySelector("[data-ticker-pause]");
  if (!every || !button) return;
  var KEY = "cf-ticker-paused";
  var paused = false;
  try { paused = window.localStorage.getItem(KEY) === "1"; } catch (e) { /* storage off */ }
  var timer = null;

  function show(data) {
    (data.items || []).forEach(function (item) {
      var row = bar.querySelector('[data-coin="' + item.slug + '"]');
      if (!row) return;
      row.querySelector("[data-price]").textContent = item.price_text;
      var change = row.querySelector("[data-change]");
      change.textContent = item.change_text;
      change.className = "change change--" + item.direction;
    });
    var status = bar.querySelector("[data-status]");
    var time = status && status.querySelector("[data-as-of]");
    if (time && data.as_of) {
      time.setAttribute("datetime", data.as_of);
      time.textContent = data.as_of_text;
    }
    var warning = status && status.querySelector("[data-warning]");
    if (warning) {
      var words = data.demo ? ["Demo prices", ", not market data · "]
        : data.stale ? ["Prices may be out of date", " · "] : null;
      warning.textContent = "";
      if (words) {
        var flag = document.createElement("strong");
        flag.className = "ticker__flag";
        flag.textContent = words[0];
        warning.appendChild(flag);
        warning.appendChild(document.createTextNode(words[1]));
      }
    }
  }

  function refresh() {
    fetch(bar.getAttribute("data-ticker-url"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) show(data); })
      .catch(function () { /* offline: keep what is shown */ });
  }

  function schedule() {
    window.clearInterval(timer);
    timer = null;
    if (!paused && !document.hidden) timer = window.setInterval(refresh, every);
  }

  function render() {
    button.setAttribute("aria-pressed", paused ? "true" : "false");
    button.textContent = paused ? "Resume price updates" : "Pause price updates";
  }

  // The button's room is kept from the start (invisible until now), so showing it moves
  // nothing on the page (no layout shift on a phone, where it takes a row of its own).
  button.removeAttribute("data-pending");
  render();
  button.addEventListener("click", function () {
    paused = !paused;
    try { window.localStorage.setItem(KEY, paused ? "1" : "0"); } catch (e) { /* storage off */ }
    render();
    if (!paused) refresh();
    schedule();
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !paused) refresh();
    schedule();
  });
  schedule();
})();
