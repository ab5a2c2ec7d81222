// Passkeys (WebAuthn): registration from « Clés d'accès » and the second step of the login. The server gives the options
// (JSON), the browser's authenticator answers, and the answer is posted with the form, antiforgery token included.
(function () {
    "use strict";
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) return;

    function token(form) {
        var input = form.querySelector("input[name=__RequestVerificationToken]");
        return input ? input.value : "";
    }

    function options(form) {
        return fetch(form.getAttribute("data-options"), {
            method: "POST", credentials: "same-origin", headers: { "X-CSRF-TOKEN": token(form) },
        }).then(function (response) {
            if (!response.ok) throw new Error("options");
            return response.json();
        });
    }

    function wire(selector, ceremony) {
        document.querySelectorAll(selector).forEach(function (form) {
            form.addEventListener("submit", function (event) {
                var field = form.querySelector("input[name=Credential]");
                if (field.value) return; // the answer is there: the form goes to the server
                event.preventDefault();
                options(form).then(ceremony).then(function (credential) {
                    field.value = JSON.stringify(credential);
                    form.submit();
                }).catch(function () {
                    var status = form.querySelector("[data-passkey-status]");
                    if (status) status.textContent = "L'opération avec la clé d'accès n'a pas abouti (annulée ou refusée). Réessayez.";
                });
            });
        });
    }

    wire("form[data-passkey-register]", function (json) {
        return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
    });
    wire("form[data-passkey-sign-in]", function (json) {
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
    });
})();
