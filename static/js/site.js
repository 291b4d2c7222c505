// Progressive enhancement only: every feature here also works as a plain link without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Submenus: the toggle button opens and closes them by click, tap, Enter or Space.
  function closeMenus(except) {
    document.querySelectorAll(".menu__item--parent.is-open").forEach(function (item) {
      if (item !== except) {
        item.classList.remove("is-open");
        item.querySelector(".menu__toggle").setAttribute("aria-expanded", "false");
      }
    });
  }
  document.querySelectorAll(".menu__toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var item = button.closest(".menu__item--parent");
      var open = !item.classList.contains("is-open");
      closeMenus(item);
      item.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".menu__item--parent")) closeMenus(null);
  });
  // Phones: the menu button shows and hides the whole menu (CSS hides the button elsewhere).
  var menuButton = document.querySelector(".menu-button");
  var nav = document.getElementById("site-menu");
  function setMenuOpen(open) {
    nav.classList.toggle("is-open", open);
    menuButton.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (menuButton && nav) {
    menuButton.addEventListener("click", function () {
      setMenuOpen(!nav.classList.contains("is-open"));
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector(".menu__item--parent.is-open");
    if (open) {
      closeMenus(null);
      open.querySelector(".menu__toggle").focus();
    } else if (menuButton && nav && nav.classList.contains("is-open")) {
      setMenuOpen(false);
      menuButton.focus();
    }
  });

  // Search overlay: the header's search link opens a dialog; Enter submits, Esc closes.
  var dialog = document.getElementById("search-overlay");
  var opener = document.querySelector("[data-search-open]");
  if (dialog && opener && typeof dialog.showModal === "function") {
    var input = dialog.querySelector("input[name=q]");
    // Only now does the link open a dialog; without JavaScript it is a plain link.
    opener.setAttribute("aria-haspopup", "dialog");
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
      input.focus();
    });
    dialog.querySelector("[data-search-close]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    // In a search field with text, Chromium's first Esc only clears the field; the hint
    // promises that Esc cancels, so close at once.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      opener.focus();
    });
    dialog.querySelector("form").addEventListener("submit", function (event) {
      if (!input.value.trim()) event.preventDefault();
    });
  }
})();
