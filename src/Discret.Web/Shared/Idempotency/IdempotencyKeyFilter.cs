using System.Text;
using System.Text.Json;
using Discret.Web.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Discret.Web.Shared.Idempotency;

/// <summary>
/// API creates take an <c>Idempotency-Key</c> header: a retry with the same key by the same account gets the first answer
/// (status, body, <c>Location</c>; with <c>Idempotent-Replayed: true</c>) and creates nothing; the same key with another
/// request (address or body) is refused (422). Without the header, nothing changes. Only a successful answer is kept: a
/// refused request created nothing, and its key may be used again.
/// </summary>
public sealed class IdempotencyKeyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    /// <summary>
    /// The API's JSON options, except that a closed-list value the binding let through undefined is written as its number:
    /// the fingerprint must never fail where the endpoint itself would answer (the strict converter throws on writing it).
    /// </summary>
    private readonly JsonSerializerOptions _fingerprintJson = FingerprintOptions(json.Value.SerializerOptions);

    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
        if (values.Count != 1 || !IsValidKey(values[0]))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Clé d'idempotence non valable",
                detail: $"L'en-tête {Header} doit compter de 1 à {MaxKeyLength} caractères ASCII imprimables, sans espace : un identifiant aléatoire (UUID) par création convient.");

        var account = http.User.AccountId();
        var keyHash = IdempotencyStore.HashKey("api", values[0]!);
        var claim = await store.ClaimAsync(account, keyHash, Fingerprint(context), http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.OtherRequest:
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Clé d'idempotence déjà utilisée",
                    detail: "Cette clé a déjà servi pour une autre requête (autre adresse ou autre contenu). Une nouvelle création demande une nouvelle clé.");
            case ClaimOutcome.StillRunning:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Requête déjà en cours",
                    detail: "Une requête avec la même clé est en cours de traitement. Réessayez dans quelques secondes : vous recevrez sa réponse.");
            case ClaimOutcome.Answered:
                var first = claim.First!;
                return new KeptAnswer(first.StatusCode ?? StatusCodes.Status200OK, first.Location, first.ContentType, store.BodyOf(first), Replayed: true);
        }

        KeptAnswer answer;
        try
        {
            if (await next(context) is not IResult result)
                throw new InvalidOperationException("An idempotent endpoint must answer with an IResult.");
            answer = await RunAsync(result, http);
        }
        catch (Exception error)
        {
            // The key must be given back, or the client's retry would read « déjà en cours »: after a database restart the
            // pool's dead connections go first (found by bench/faults.sh postgres-restart), and the release is tried until
            // the database is back; the request's own error is what the client reads.
            StorageFailures.ForgetBrokenConnections(error);
            await StorageFailures.EventuallyAsync(() => store.ReleaseAsync(account, keyHash));
            throw;
        }
        // The write is committed: its answer must be kept for the retries, even if the connection the store took was cut
        // meanwhile (a database restart) — else the key would stay « en cours » and the client never get its answer.
        await StorageFailures.EventuallyAsync(() => answer.StatusCode is >= 200 and < 300
            ? store.CompleteAsync(account, keyHash, answer.StatusCode, answer.Location, answer.ContentType, answer.Body)
            : store.ReleaseAsync(account, keyHash));
        return answer;
    }

    /// <summary>Visible ASCII only (no space, no control character), 1 to 255 characters.</summary>
    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is > ' ' and < (char)127);

    /// <summary>The method, the address (ids included) and the body as bound — so that a retry formatted differently is the same request.</summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        var text = new StringBuilder().Append(http.Request.Method).Append('\n').Append(http.Request.Path.Value).Append('\n').Append(http.Request.QueryString.Value).Append('\n');
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } bodyType
            && context.Arguments.FirstOrDefault(a => a is not null && bodyType.IsInstanceOfType(a)) is { } body)
            text.Append(JsonSerializer.Serialize(body, bodyType, _fingerprintJson));
        return IdempotencyStore.Sha256(text.ToString());
    }

    private static JsonSerializerOptions FingerprintOptions(JsonSerializerOptions api)
    {
        var options = new JsonSerializerOptions(api);
        foreach (var strict in options.Converters.OfType<System.Text.Json.Serialization.JsonStringEnumConverter>().ToList()) options.Converters.Remove(strict);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }

    /// <summary>Runs the endpoint's answer into memory, to keep it and send it.</summary>
    private static async Task<KeptAnswer> RunAsync(IResult result, HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        return new KeptAnswer(http.Response.StatusCode, http.Response.Headers.Location.FirstOrDefault(), http.Response.ContentType, buffer.ToArray(), Replayed: false);
    }

    /// <summary>An answer as it was (or is being) first sent.</summary>
    private sealed record KeptAnswer(int StatusCode, string? Location, string? ContentType, byte[] Body, bool Replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCode;
            if (Location is not null) http.Response.Headers.Location = Location;
            if (ContentType is not null) http.Response.ContentType = ContentType;
            if (Replayed) http.Response.Headers[ReplayedHeader] = "true";
            if (Body.Length > 0) await http.Response.Body.WriteAsync(Body);
        }
    }
}

public static class IdempotentEndpoints
{
    /// <summary>Marks an API create: it takes an <c>Idempotency-Key</c> header (<see cref="IdempotencyKeyFilter"/>).</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<IdempotencyKeyFilter>().WithMetadata(new IdempotentCreate())
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeyFilter.Header, In = ParameterLocation.Header, Required = false,
                    Description = "Facultatif : un identifiant unique par création (UUID). Une nouvelle tentative avec la même clé renvoie la première réponse "
                                  + "sans rien créer de plus (24 heures) ; la même clé avec une autre requête est refusée (422).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeyFilter.MaxKeyLength },
                });
                return Task.CompletedTask;
            });
}

/// <summary>Endpoint metadata: this endpoint creates a record and takes an <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentCreate;
