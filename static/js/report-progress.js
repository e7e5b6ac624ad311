// Live progress of a governors' report build: polls the status URL until the build is ready or failed.
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) { return; }
  var bar = box.querySelector("[data-progress-bar]");
  var meter = box.querySelector("[role=progressbar]");
  function show(state) {
    bar.style.width = state.progress + "%";
    bar.textContent = state.progress + "%";
    meter.setAttribute("aria-valuenow", state.progress);
    box.querySelector("[data-status-label]").textContent = state.status_label;
    box.querySelector("[data-stage]").textContent = state.stage;
    box.querySelector("[data-error]").classList.toggle("d-none", state.status !== "failed");
    box.querySelector("[data-error-text]").textContent = state.error || "";
    box.querySelector("[data-download]").classList.toggle("d-none", state.status !== "ready");
    box.dataset.status = state.status;
  }
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (state.status === "queued" || state.status === "building") { window.setTimeout(poll, 700); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  bar.style.width = bar.textContent.trim();
  if (box.dataset.status === "queued" || box.dataset.status === "building") { poll(); }
}());
