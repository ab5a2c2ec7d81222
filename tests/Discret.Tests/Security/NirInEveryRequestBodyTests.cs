using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Droits;
using Discret.Tests.Support;
using Discret.Web.Features.Garde;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Security;

/// <summary>
/// A NIR has no place in Discret: posted into any string of any request body the API describes (its OpenAPI document,
/// walked), it is refused — a French validation error naming the field, the guard's finding, or a malformed request for a
/// date, an id or a closed list — and nothing is saved. Each body is first shown to be refused with the NIR in one field,
/// then accepted as it was (so the NIR is what was refused). Its own application: it creates accounts, holds, consents…
/// </summary>
public class NirInEveryRequestBodyTests(DiscretFactory app) : IClassFixture<DiscretFactory>
{
    /// <summary>A fictional NIR whose key is valid (key = 97 − number mod 97), written in its usual groups and in one run of digits.</summary>
    private static readonly string[] Nirs = MakeNirs("1850578006084");

    private static string[] MakeNirs(string body)
    {
        var nir = body + (97 - long.Parse(body) % 97).ToString("00");
        Assert.True(Checksums.IsValidNir(nir));
        return [$"{nir[0]} {nir[1..3]} {nir[3..5]} {nir[5..7]} {nir[7..10]} {nir[10..13]} {nir[13..]}", nir];
    }

    /// <summary>A body's field whose refusal is keyed by the use case's own name for it.</summary>
    private static readonly Dictionary<string, string> ErrorKeys = new()
    {
            };

    [Fact]
    public async Task A_nir_in_any_string_of_any_request_body_of_the_openapi_document_is_refused_and_nothing_is_saved()
    {
        var calls = new ApiCalls(app);
        var sessions = await calls.SignInAsync();
        var document = JsonNode.Parse(await sessions.Admin.Client.GetStringAsync("/api/v1/openapi.json"))!;
        var operations = calls.WithBody();

        var bodies = BodiesOf(document);
        Assert.True(bodies.Count >= 20, $"{bodies.Count} operations with a body");
        // Every operation whose body holds a string has a way to call it here; none is described that no longer exists.
        var withStrings = bodies.Where(b => b.Value.Count > 0).Select(b => b.Key).ToList();
        Assert.Empty(withStrings.Except(operations.Keys));
        Assert.Empty(operations.Keys.Except(withStrings));

        var probes = 0;
        foreach (var (operation, fields) in bodies.Where(b => b.Value.Count > 0))
        {
            var call = operations[operation];
            var session = call.As(sessions);
            var method = new HttpMethod(operation.Split(' ')[0]);
            var (url, prepared) = await call.Prepare(sessions);
            var baseline = prepared!;
            var before = await RowCountsAsync();
            foreach (var (field, plainText) in fields)
                foreach (var nir in plainText ? Nirs : Nirs[..1])
                {
                    var body = (JsonObject)baseline.DeepClone();
                    if (field.EndsWith("[]")) body[field[..^2]] = new JsonArray(nir);
                    else body[field] = nir;
                    var response = await session.ApiSendAsync(method, url, body.ToJsonString());
                    var text = await response.Content.ReadAsStringAsync();
                    probes++;
                    if (operation == "POST /api/v1/garde/analyse")
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{operation} {field}: {(int)response.StatusCode} {text}");
                        Assert.Contains("\"category\":\"Nir\"", text);
                        continue;
                    }
                    Assert.True((int)response.StatusCode is >= 400 and < 500, $"{operation} {field} = {nir}: {(int)response.StatusCode} {text}");
                    Assert.DoesNotContain(nir, text);
                    if (plainText)
                    {
                        // A text field is refused by a French message on that very field.
                        Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors), $"{operation} {field}: {(int)response.StatusCode} {text}");
                        var key = ErrorKeys.GetValueOrDefault($"{operation} {field}", field.TrimEnd('[', ']'));
                        Assert.True(errors.TryGetProperty(key, out _), $"{operation} {field}: {text}");
                    }
                }
            Assert.Equal(before, await RowCountsAsync());
            var accepted = await session.ApiSendAsync(method, url, baseline.ToJsonString());
            Assert.True(accepted.IsSuccessStatusCode, $"{operation} (sans NIR) : {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        }
        Assert.True(probes >= 80, $"{probes} probes");
        Assert.Equal([], await TextColumnsHoldingAsync(Nirs.Append(Nirs[1][..13]).ToArray()));
    }

    /// <summary>"METHOD path" → the string fields of its JSON body ("field", or "field[]" for a list), each flagged when it is free text (no format, no list of values).</summary>
    private static Dictionary<string, List<(string Field, bool PlainText)>> BodiesOf(JsonNode document)
    {
        var schemas = document["components"]!["schemas"]!;
        JsonNode Resolve(JsonNode schema) => schema["$ref"] is { } r ? schemas[r.GetValue<string>().Split('/')[^1]]! : schema;
        bool IsString(JsonNode schema, out bool plain)
        {
            schema = Resolve(schema);
            if (schema["oneOf"] is JsonArray oneOf) schema = Resolve(oneOf.First(s => s!["type"]?.ToString() != "null")!);
            var type = schema["type"]?.ToJsonString() ?? "";
            plain = schema["format"] is null && schema["enum"] is null;
            return type.Contains("\"string\"");
        }
        var bodies = new Dictionary<string, List<(string, bool)>>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema) continue;
                var fields = new List<(string, bool)>();
                foreach (var (name, property) in (Resolve(schema)["properties"] as JsonObject ?? []))
                {
                    var p = Resolve(property!);
                    if (IsString(p, out var plain)) fields.Add((name, plain));
                    else if (p["items"] is { } items && IsString(items, out var plainItems)) fields.Add((name + "[]", plainItems));
                }
                bodies[$"{method.ToUpperInvariant()} {path}"] = fields;
            }
        return bodies;
    }

    /// <summary>The number of rows of every table but the journal's (refusals are journaled) and the keys'.</summary>
    private Task<Dictionary<string, long>> RowCountsAsync() => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<DiscretDbContext>();
        var counts = new Dictionary<string, long>();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
                     .Where(t => !t.StartsWith("journal") && t != "DataProtectionKeys" && t != "AspNetUserTokens"))
            counts[table] = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
        return counts;
    });

    /// <summary>"table.column" of every text column holding one of the texts.</summary>
    private Task<List<string>> TextColumnsHoldingAsync(string[] texts) => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<DiscretDbContext>();
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties().Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()))
                         .Where(p => p.GetProviderClrType() == typeof(string) || p.ClrType == typeof(string)))
            {
                if (property.GetColumnName(store) is not { } column) continue;
                foreach (var text in texts)
                    if (await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE \"{column}\" LIKE {{0}}", $"%{text}%").SingleAsync() > 0)
                        found.Add($"{table}.{column}");
            }
        }
        return found.Distinct().ToList();
    });
}
