/* The article form: "Insert image" for the body (upload through the site's image checks,
   or pick from the media library) and a preview of a newly chosen featured image. */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function escapeAttr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  /* Insert into the rich-text editor, or as HTML into the plain textarea. */
  function inserter(textarea, editor) {
    return function (image, alt, caption) {
      var attrs = { src: image.url, alt: alt, width: image.width, height: image.height };
      if (editor) {
        var chain = editor.chain().focus();
        if (caption) {
          chain.insertContent({ type: "figure", content: [
            { type: "image", attrs: attrs },
            { type: "caption", content: [{ type: "text", text: caption }] },
          ] }).run();
        } else {
          chain.setImage(attrs).run();
        }
        return;
      }
      var html = '<img src="' + escapeAttr(attrs.src) + '" alt="' + escapeAttr(alt) +
        '" width="' + attrs.width + '" height="' + attrs.height + '">';
      if (caption) html = "<figure>" + html + "<figcaption>" + escapeAttr(caption) + "</figcaption></figure>";
      var start = textarea.selectionStart, end = textarea.selectionEnd;
      textarea.value = textarea.value.slice(0, start) + html + textarea.value.slice(end);
      textarea.focus();
    };
  }

  function buildPicker(textarea, insert) {
    var error = el("p", { class: "media-picker__error", role: "alert" });
    var file = el("input", { type: "file", id: "media-picker-file", accept: "image/jpeg,image/png,image/webp,image/gif" });
    var alt = el("input", { type: "text", id: "media-picker-alt", maxlength: "300", class: "vTextField" });
    var caption = el("input", { type: "text", id: "media-picker-caption", maxlength: "300", class: "vTextField" });
    var search = el("input", { type: "search", id: "media-picker-search", class: "vTextField" });
    var grid = el("ul", { class: "media-picker__grid", "aria-label": "Media library" });
    var insertButton = el("button", { type: "button", class: "button default", text: "Insert image" });
    var cancel = el("button", { type: "button", class: "button", text: "Cancel" });
    var chosen = null;
    var dialog = el("dialog", { class: "media-picker", "aria-labelledby": "media-picker-title" }, [
      el("h2", { id: "media-picker-title", text: "Insert image" }),
      el("div", { class: "media-picker__row" }, [
        el("label", { for: "media-picker-file", text: "Upload a new image" }), file]),
      el("div", { class: "media-picker__row" }, [
        el("label", { for: "media-picker-search", text: "Or choose from the media library" }), search]),
      grid,
      el("div", { class: "media-picker__row" }, [
        el("label", { for: "media-picker-alt", text: "Alt text (describe the image for readers who cannot see it)" }), alt]),
      el("div", { class: "media-picker__row" }, [
        el("label", { for: "media-picker-caption", text: "Caption (optional)" }), caption]),
      error,
      el("div", { class: "media-picker__actions" }, [insertButton, cancel]),
    ]);
    document.body.appendChild(dialog);

    function choose(image, button) {
      chosen = image;
      grid.querySelectorAll("[aria-pressed]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      if (button) button.setAttribute("aria-pressed", "true");
      if (image && !alt.value) alt.value = image.alt || "";
    }

    function load(query) {
      var url = textarea.dataset.mediaLibrary + (query ? "?q=" + encodeURIComponent(query) : "");
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
        grid.textContent = "";
        if (!data.images.length) grid.appendChild(el("li", { text: query ? "No image matches." : "No images uploaded yet." }));
        data.images.forEach(function (image) {
          var button = el("button", { type: "button", class: "media-picker__item", "aria-pressed": "false",
                                      title: image.name }, [
            el("img", { src: image.thumb, alt: image.alt || image.name, width: "120", height: "80" })]);
          button.addEventListener("click", function () { file.value = ""; choose(image, button); });
          grid.appendChild(el("li", {}, [button]));
        });
      }).catch(function () { error.textContent = "The media library could not be loaded."; });
    }

    var searchTimer = null;
    search.addEventListener("input", function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { load(search.value.trim()); }, 250);
    });
    file.addEventListener("change", function () { choose(null, null); });
    cancel.addEventListener("click", function () { dialog.close(); });

    insertButton.addEventListener("click", function () {
      error.textContent = "";
      var text = alt.value.trim();
      if (!text) { error.textContent = "Write the alt text first: the article cannot be published without it."; alt.focus(); return; }
      if (file.files.length) {
        var body = new FormData();
        body.append("file", file.files[0]);
        body.append("alt", text);
        insertButton.disabled = true;
        fetch(textarea.dataset.mediaUpload, { method: "POST", body: body, credentials: "same-origin",
                                              headers: { "X-CSRFToken": csrfToken() } })
          .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
          .then(function (result) {
            if (!result.ok) { error.textContent = result.data.error || "The upload failed."; return; }
            insert(result.data, text, caption.value.trim());
            dialog.close();
          })
          .catch(function () { error.textContent = "The upload failed: check the connection and try again."; })
          .finally(function () { insertButton.disabled = false; });
        return;
      }
      if (!chosen) { error.textContent = "Choose a file to upload or an image from the library."; return; }
      insert(chosen, text, caption.value.trim());
      dialog.close();
    });

    return function open() {
      error.textContent = ""; file.value = ""; alt.value = ""; caption.value = ""; choose(null, null);
      load(search.value.trim());
      dialog.showModal();
      file.focus();
    };
  }

  function addButton(textarea, editor) {
    if (textarea.dataset.mediaPicker) return;
    textarea.dataset.mediaPicker = "ready";
    var open = buildPicker(textarea, inserter(textarea, editor));
    var button = el("button", { type: "button", class: "button media-picker__open", text: "Insert image" });
    button.addEventListener("click", open);
    // Below the editor (or the plain textarea), on a line of its own.
    var field = textarea.closest(".prose-editor") || textarea;
    field.insertAdjacentElement("afterend", el("div", { class: "media-picker__bar" }, [button]));
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail.textarea;
    if (textarea.dataset.mediaLibrary) addButton(textarea, event.detail.editor);
  });

  document.addEventListener("DOMContentLoaded", function () {
    // The plain HTML textarea (a body the visual editor would damage) gets the picker too.
    document.querySelectorAll("textarea[data-media-library]").forEach(function (textarea) {
      if (!textarea.hasAttribute("data-django-prose-editor-configurable")) addButton(textarea, null);
    });
    document.querySelectorAll("input[data-image-preview]").forEach(function (input) {
      var preview = input.closest(".image-field").querySelector(".image-field__preview");
      input.addEventListener("change", function () {
        if (!input.files.length) return;
        preview.src = URL.createObjectURL(input.files[0]);
        preview.removeAttribute("width");
        preview.removeAttribute("height");
        preview.alt = "The new featured image (saved with the article)";
        preview.hidden = false;
      });
    });
  });
})();
