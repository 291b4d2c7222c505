// Search suggestions in the overlay (ARIA combobox with a listbox): up to five titles as the
// reader types, fetched 150 ms after the last key. Arrow keys move through them, Enter opens
// the highlighted one or else the results page, Esc closes the overlay (site.js).
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("search-suggestions");
  var status = document.getElementById("search-suggestions-status");
  var dialog = form.closest("dialog");
  var url = form.getAttribute("data-suggest-url");
  var DELAY = 150;
  var timer = null;
  var pending = null;
  var active = -1;

  function options() {
    return list.querySelectorAll("[role=option]");
  }

  function setActive(index) {
    var items = options();
    active = index;
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function show(suggestions) {
    list.replaceChildren();
    suggestions.forEach(function (suggestion, i) {
      var item = document.createElement("li");
      item.id = "search-suggestion-" + i;
      item.className = "search-suggestions__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = suggestion.url;
      link.tabIndex = -1;
      link.textContent = suggestion.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    var open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    setActive(-1);
    status.textContent = open
      ? suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") +
        ", use the arrow keys to choose"
      : "";
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (pending) pending.abort();
    if (query.length < 2) {
      close();
      return;
    }
    pending = new AbortController();
    fetch(url + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        // A late answer to an older query is dropped.
        if (input.value.trim() === query) show(data.suggestions || []);
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DELAY);
  });

  input.addEventListener("keydown", function (event) {
    var count = options().length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      setActive(active + 1 < count ? active + 1 : 0);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setActive(active > 0 ? active - 1 : count - 1);
    } else if (event.key === "Enter" && active >= 0 && options()[active]) {
      event.preventDefault();
      window.location.href = options()[active].querySelector("a").href;
    }
  });

  if (dialog) {
    dialog.addEventListener("close", function () {
      clearTimeout(timer);
      if (pending) pending.abort();
      close();
    });
  }
})();
