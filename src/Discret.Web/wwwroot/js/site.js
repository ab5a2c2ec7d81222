// Discret — small page behaviours, no framework, no inline script (the CSP forbids them).
(function () {
  "use strict";

  // The error summary takes focus so that screen readers announce it.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Idle session: warn two minutes before the server ends the session, offer to extend it (up to its absolute end).
  var timeout = parseInt(document.body.getAttribute("data-session-timeout") || "0", 10);
  var dialog = document.getElementById("session-warning");
  if (!timeout || !dialog) return;
  var warnBefore, warnTimer, endTimer, tick;

  function token() {
    var input = document.querySelector("input[name='__RequestVerificationToken']");
    return input ? input.value : "";
  }

  function arm() {
    clearTimeout(warnTimer); clearTimeout(endTimer); clearInterval(tick);
    warnBefore = Math.min(120, Math.floor(timeout / 2));
    warnTimer = setTimeout(warn, (timeout - warnBefore) * 1000);
    endTimer = setTimeout(function () { window.location.href = "/connexion?expiree=1"; }, timeout * 1000);
  }

  function warn() {
    var left = warnBefore;
    var countdown = dialog.querySelector("[data-session-countdown]");
    function show() {
      if (countdown && left >= 0) countdown.textContent = left > 60 ? Math.ceil(left / 60) + " minutes" : left + " secondes";
    }
    show();
    tick = setInterval(function () { left -= 1; show(); }, 1000);
    if (typeof dialog.showModal === "function") dialog.showModal(); else dialog.setAttribute("open", "");
    var extend = dialog.querySelector("[data-session-extend]");
    if (extend) extend.focus();
  }

  dialog.querySelector("[data-session-extend]").addEventListener("click", function () {
    // An ended session answers with a redirect to the login page: not followed ("manual"), it is not a success.
    fetch("/session/prolonger", { method: "POST", headers: { "X-CSRF-TOKEN": token() }, credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        if (!r.ok || r.type === "opaqueredirect") { window.location.href = "/connexion?expiree=1"; return; }
        // How long the session may now stay idle: less than the idle timeout near the session's absolute end.
        return r.json().then(function (session) {
          if (session && session.secondes > 0) timeout = session.secondes;
          dialog.close(); arm();
        });
      });
  });

  arm();
})();
