/*
 * Say why an htmx request failed. htmx swaps nothing when the server refuses
 * (a thread locked meanwhile, an expired session) or cannot be reached, so the
 * page would look as if nothing happened. The message goes into the live region
 * #htmx-status of templates/base.html: the server's own words when it answers
 * in plain text (web.htmx.HtmxMiddleware), else the region's
 * data-error-message, translated by the template.
 */
(function () {
  "use strict";

  function statusRegion() {
    return document.getElementById("htmx-status");
  }

  function clear() {
    const region = statusRegion();
    if (region) {
      region.replaceChildren();
    }
  }

  function show(message) {
    const region = statusRegion();
    if (!region) {
      return;
    }
    const line = document.createElement("p");
    line.className = "form-errors";
    line.textContent = message || region.dataset.errorMessage;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "link-button small";
    close.textContent = region.dataset.closeLabel;
    const returnFocus = document.activeElement;
    close.addEventListener("click", function () {
      clear();
      if (returnFocus && returnFocus.isConnected) {
        returnFocus.focus();
      }
    });
    line.append(" ", close);
    region.replaceChildren(line);
  }

  function serverMessage(xhr) {
    const type = xhr.getResponseHeader("Content-Type") || "";
    const text = (xhr.responseText || "").trim();
    return type.startsWith("text/plain") && text.length <= 500 ? text : "";
  }

  document.addEventListener("htmx:beforeRequest", clear);
  document.addEventListener("htmx:responseError", function (event) {
    show(serverMessage(event.detail.xhr));
  });
  document.addEventListener("htmx:sendError", function () {
    show("");
  });
})();
