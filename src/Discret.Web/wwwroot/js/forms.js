// Discret — a form is sent once. No framework, no inline script (the CSP forbids them).
// Once a form (method post) is on its way, a second click or Enter does nothing and its buttons are disabled, so a double
// click cannot create two records. The server keeps the same promise for the forms that create (a one-time token,
// d-once): this script only spares the worker the second request.
(function () {
  "use strict";

  var resendAfter = 10000; // a form that answers with a download leaves the page in place: it may be sent again later

  function buttonsOf(form) {
    var inside = Array.prototype.slice.call(form.querySelectorAll("button[type='submit'], button:not([type]), input[type='submit']"));
    var outside = form.id ? Array.prototype.slice.call(document.querySelectorAll("[form='" + form.id + "'][type='submit']")) : [];
    return inside.concat(outside);
  }

  function release(form) {
    form.removeAttribute("data-submitting");
    buttonsOf(form).forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    if (form.hasAttribute("data-submitting")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitting", "");
    // Disabled once the browser has read the form: a button disabled earlier would not send its name and value.
    setTimeout(function () {
      buttonsOf(form).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
    setTimeout(function () { release(form); }, resendAfter);
  });

  // Back to a page kept by the browser (back button): its forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll("form[data-submitting]"), release);
  });
})();
