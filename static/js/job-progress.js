// The progress bar of a background import: polls the job's status (JSON) and reloads the
// page when the job has finished. Without JavaScript the page refreshes itself instead
// (<noscript><meta http-equiv="refresh"></noscript>).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-job-status-url");
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-job-count]");
  var template = box.getAttribute("data-job-count-template") || "%(done)s / %(total)s";

  function show(status) {
    if (status.total > 0) {
      bar.max = status.total;
      bar.value = status.done;
      label.textContent = template
        .replace("%(done)s", status.done.toLocaleString())
        .replace("%(total)s", status.total.toLocaleString());
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 500);
})();
