// Discret — the sobriety guard as the worker types. No framework, no inline script (the CSP forbids them).
// Every field carrying data-guard asks the server's single implementation (POST /api/v1/garde/analyse) after a short
// pause in typing, and shows the findings in the field's polite live region. Nothing is stored; the check the server
// makes when the form is submitted stays the rule.
(function () {
  "use strict";

  var fields = document.querySelectorAll("textarea[data-guard], input[data-guard]");
  if (!fields.length || !window.fetch) return;

  var delay = 400;

  function token() {
    var input = document.querySelector("input[name='__RequestVerificationToken']");
    return input ? input.value : "";
  }

  function regionFor(field) {
    return document.getElementById(field.id + "-guard");
  }

  function clear(region) {
    while (region.firstChild) region.removeChild(region.firstChild);
  }

  function show(field, region, text, findings) {
    clear(region);
    var seen = {};
    findings.forEach(function (f) {
      var refused = f.kind === "Identifier";
      var words = refused ? "" : text.substr(f.start, f.length);
      var key = f.category + "|" + words.toLowerCase() + "|" + f.message;
      if (seen[key]) return;
      seen[key] = true;
      var p = document.createElement("p");
      p.className = "alert mb-1 " + (refused ? "alert-danger discret-guard-refused" : "alert-warning discret-guard-warned");
      var lead = document.createElement("strong");
      lead.textContent = refused ? "Sera refusé : " : "À relire" + (words ? " (« " + words + " »)" : "") + " : ";
      p.appendChild(lead);
      p.appendChild(document.createTextNode(f.message));
      region.appendChild(p);
    });
  }

  function attach(field) {
    var region = regionFor(field);
    if (!region) return;
    var timer = null;
    var sequence = 0;

    function analyse() {
      var text = field.value;
      var mine = ++sequence;
      if (!text || !text.trim()) { clear(region); return; }
      fetch("/api/v1/garde/analyse", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": token() },
        credentials: "same-origin",
        redirect: "manual",
        body: JSON.stringify({ text: text })
      })
        .then(function (r) { return r.ok && r.type !== "opaqueredirect" ? r.json() : null; })
        .then(function (result) {
          if (mine !== sequence) return; // a newer text is on its way
          if (!result || !result.findings || !result.findings.length) { clear(region); return; }
          show(field, region, text, result.findings);
        })
        .catch(function () { /* the server check on submit stays the rule */ });
    }

    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(analyse, delay);
    });
  }

  Array.prototype.forEach.call(fields, attach);
})();
