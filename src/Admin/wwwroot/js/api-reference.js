// The interactive API reference: Swagger UI (npm swagger-ui-dist, copied to wwwroot/lib) over the app's OpenAPI description.
(function () {
    var root = document.getElementById('swagger-ui');
    if (!root || typeof SwaggerUIBundle !== 'function') {
        return;
    }

    SwaggerUIBundle({
        url: root.getAttribute('data-url'),
        domNode: root,
        deepLinking: false,
        tryItOutEnabled: false,
        validatorUrl: null,
    });
})();
