// « Référence de l'API »: Swagger UI (wwwroot/lib/swagger-ui, from the npm package swagger-ui-dist) renders the OpenAPI
// document the application serves. A reference only: no « Try it out », no call to an outside validator.
(function () {
  "use strict";
  var target = document.getElementById("reference-api");
  if (!target || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({
    url: target.getAttribute("data-document"),
    domNode: target,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    supportedSubmitMethods: [],
    validatorUrl: "none",
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false
  });
})();
