// The console's only script (the CSP allows no other): polls the queue's rows, previews photos before sending,
// inserts reply templates. Every page works without it; it only saves reloads and clicks.
(function () {
  "use strict";
  var POLL_MS = 15000;  // unless the page says otherwise (Settings.console_poll_seconds)

  function pollQueue() {
    var rows = document.getElementById("queue-rows");
    if (!rows || !rows.dataset.poll) { return; }
    var status = document.getElementById("queue-status");
    var known = rows.querySelectorAll("[data-appeal-id]").length;
    var lastHtml = null;
    function refresh() {
      fetch(rows.dataset.poll, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (response.status === 401) { window.location.reload(); return null; }
          if (!response.ok) { return null; }
          var overdue = response.headers.get("X-Overdue-Count");
          return response.text().then(function (html) { return { html: html, overdue: overdue }; });
        })
        .then(function (answer) {
          if (!answer) { return; }
          if (answer.overdue !== null) { showOverdue(parseInt(answer.overdue, 10)); }
          // Rows are swapped only when they changed, and never under a keyboard user's focus.
          if (answer.html === lastHtml || rows.contains(document.activeElement)) { return; }
          lastHtml = answer.html;
          rows.innerHTML = answer.html;
          var count = rows.querySelectorAll("[data-appeal-id]").length;
          if (status && count > known) { status.textContent = "Новых обращений: " + (count - known); }
          known = count;
        })
        .catch(function () { /* the next poll tries again */ });
    }
    window.setInterval(refresh, parseInt(rows.dataset.pollMs, 10) || POLL_MS);
  }

  function showOverdue(count) {
    var title = document.title.replace(/^\(\d+\) /, "");
    document.title = (count > 0 ? "(" + count + ") " : "") + title;
    var line = document.getElementById("overdue-count");
    if (line) {
      line.dataset.overdue = String(count);
      var strong = line.querySelector("strong");
      if (strong) { strong.textContent = String(count); }
    }
  }

  function previewPhotos() {
    var input = document.getElementById("answer-photos");
    var box = document.getElementById("photo-previews");
    if (!input || !box) { return; }
    input.addEventListener("change", function () {
      box.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var figure = document.createElement("figure");
        var img = document.createElement("img");
        img.src = URL.createObjectURL(file);
        img.alt = "Предпросмотр: " + file.name;
        var caption = document.createElement("figcaption");
        caption.textContent = file.name;
        figure.appendChild(img);
        figure.appendChild(caption);
        box.appendChild(figure);
      });
    });
  }

  function templateButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-template-for]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.templateFor);
        var source = document.getElementById(button.dataset.templateSource);
        if (target && source) { target.value = source.textContent; target.focus(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    pollQueue();
    previewPhotos();
    templateButtons();
  });
}());
