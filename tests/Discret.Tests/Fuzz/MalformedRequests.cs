using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Discret.Tests.Fuzz;

/// <summary>
/// The family a malformation belongs to. Three are closed centrally by another change of issue 15 (input validation):
/// their 5xx are listed apart, and <see cref="FuzzOptions.SkipKnownInputClasses"/> stops generating them.
/// </summary>
public enum MalformationClass
{
    Other,
    /// <summary>NUL and other control characters in text (PostgreSQL refuses NUL: 500).</summary>
    ControlCharacters,
    /// <summary>Dates out of range (year 0001, 9999) or impossible ("2024-02-30").</summary>
    OutOfRangeDate,
    /// <summary>A closed list's value that is not a member (a name, a number, a comma list).</summary>
    UndefinedEnum,
}

/// <summary>One change to an otherwise well-formed request, described without its value (no personal data, no megabytes).</summary>
public sealed record Mutation(string Description, MalformationClass Class, Action<Draft> Apply)
{
    public override string ToString() => Description + (Class == MalformationClass.Other ? "" : $" [{Class}]");
}

/// <summary>A request being built: the mutations edit it, <see cref="Build"/> turns it into HTTP.</summary>
public sealed class Draft
{
    public required string Method { get; init; }
    public required string PathTemplate { get; init; }
    public Dictionary<string, string> PathValues { get; init; } = [];
    public List<KeyValuePair<string, string>> Query { get; init; } = [];
    public JsonNode? Body { get; set; }
    public bool HasBody { get; set; }
    /// <summary>Replaces the serialised body when set (malformed JSON, another encoding).</summary>
    public byte[]? RawBody { get; set; }
    public string? ContentType { get; set; } = "application/json";
    public bool Csrf { get; set; } = true;
    public string? IdempotencyKey { get; set; }
    /// <summary>Markers left in <see cref="Body"/> and the raw JSON each stands for (lone surrogates, numbers out of any range).</summary>
    public Dictionary<string, string> RawFragments { get; } = [];

    /// <summary>A JSON string standing for a raw fragment that <see cref="JsonNode"/> cannot hold; replaced when serialised.</summary>
    public JsonNode Raw(string fragment)
    {
        var marker = $"~raw{RawFragments.Count}~";
        RawFragments[marker] = fragment;
        return JsonValue.Create(marker)!;
    }

    public string Url
    {
        get
        {
            var path = PathTemplate;
            foreach (var (name, value) in PathValues) path = path.Replace("{" + name + "}", value);
            return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(q => q.Key + (q.Value is null ? "" : "=" + q.Value)));
        }
    }

    public HttpRequestMessage Build(string? csrfToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Url);
        byte[]? bytes = RawBody;
        if (bytes is null && HasBody)
        {
            var json = Body?.ToJsonString(JsonOptions) ?? "null";
            foreach (var (marker, fragment) in RawFragments) json = json.Replace("\"" + marker + "\"", fragment, StringComparison.Ordinal);
            bytes = Encoding.UTF8.GetBytes(json);
        }
        if (bytes is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            if (ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        if (Csrf && csrfToken is not null) request.Headers.Add("X-CSRF-TOKEN", csrfToken);
        if (IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        return request;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Ids the generator draws from: the fuzzing accounts' own objects, objects of another circonscription, and unknown ones.</summary>
public sealed class IdPool
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Guid>> _byKind = [];

    public void Add(string kind, Guid id)
    {
        lock (_gate)
        {
            if (!_byKind.TryGetValue(kind, out var list)) _byKind[kind] = list = [];
            list.Add(id);
        }
    }

    /// <summary>Mostly one of the kind (newest first: older files may have been limited or put on paper), sometimes any id, sometimes unknown.</summary>
    public string Pick(Random random, string kind)
    {
        lock (_gate)
        {
            var roll = random.NextDouble();
            if (roll < 0.05) return Guid.NewGuid().ToString();
            if (roll < 0.15 || !_byKind.TryGetValue(kind, out var list) || list.Count == 0)
            {
                var all = _byKind.Values.SelectMany(l => l).ToList();
                return all.Count == 0 ? Guid.NewGuid().ToString() : all[random.Next(all.Count)].ToString();
            }
            var recent = Math.Min(list.Count, 4);
            return (random.NextDouble() < 0.7 ? list[^(1 + random.Next(recent))] : list[random.Next(list.Count)]).ToString();
        }
    }

    /// <summary>The kind of object an id field names, from its name (path parameters: the segment before it).</summary>
    public static string KindOf(string name, string? segmentBefore = null) => (name, segmentBefore) switch
    {
        ("consentId", _) => "consent",
        (_, "personnes" or "dossiers") => "person",
        (_, "accompagnements") => "followUp",
        (_, "droits") => "request",
        (_, "comptes") => "account",
        (_, "notes") => "note",
        ("personId", _) => "person",
        ("referentId" or "coWorkerIds" or "accountId", _) => "account",
        ("circonscriptionId", _) => "circonscription",
        ("factId", _) => "fact",
        _ => "any",
    };
}

/// <summary>
/// Malformed requests for one operation of the OpenAPI document: a well-formed request (valid values for each field,
/// ids of the fuzzing accounts' files) with one to three malformations — wrong types, nulls, missing fields, huge
/// sizes, odd unicode, closed-list values that are not members, impossible dates, malformed or foreign ids, wrong
/// content types, malformed JSON. Request <c>i</c> of operation <c>o</c> depends only on the seed, o and i.
/// </summary>
public sealed class MalformedRequests(IdPool ids, IReadOnlyCollection<MalformationClass> skipped)
{
    public static readonly DateOnly Today = ParisTime.Today(TimeProvider.System);

    public Draft WellFormed(Operation op, Random random)
    {
        var segments = op.Path.Split('/');
        var draft = new Draft { Method = op.Method, PathTemplate = op.Path };
        foreach (var name in op.PathNames)
        {
            var at = Array.IndexOf(segments, "{" + name + "}");
            draft.PathValues[name] = ids.Pick(random, IdPool.KindOf(name, at > 0 ? segments[at - 1] : null));
        }
        foreach (var p in op.Parameters.Where(p => p.In == "query"))
            if (p.Required || random.NextDouble() < 0.4)
                draft.Query.Add(new(p.Name, Uri.EscapeDataString(ValidText(p.Shape, p.Name, random))));
        if (op.Body is { } body)
        {
            draft.HasBody = true;
            draft.Body = Valid(body, "", random);
        }
        else draft.ContentType = null;
        return draft;
    }

    /// <summary>One to three malformations (one in ten requests has none: it goes deep into the use case).</summary>
    public List<Mutation> Malformations(Operation op, Draft draft, Random random)
    {
        var mutations = new List<Mutation>();
        if (random.NextDouble() < 0.10) return mutations;
        var count = random.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
        for (var i = 0; i < count; i++)
        {
            var mutation = OneMalformation(op, draft, random);
            for (var redraw = 0; redraw < 20 && skipped.Contains(mutation.Class); redraw++) mutation = OneMalformation(op, draft, random);
            if (!skipped.Contains(mutation.Class)) mutations.Add(mutation);
        }
        return mutations;
    }

    private Mutation OneMalformation(Operation op, Draft draft, Random random)
    {
        var roll = random.NextDouble();
        var properties = op.Body?.Properties ?? [];
        var queries = op.Parameters.Where(p => p.In == "query").ToList();
        if (properties.Count > 0 && roll < 0.70)
        {
            var (name, shape, _) = properties[random.Next(properties.Count)];
            return PropertyMalformation(name, shape, random);
        }
        if (queries.Count > 0 && roll < 0.70) return QueryMalformation(queries[random.Next(queries.Count)], random);
        if (op.PathNames.Count > 0 && roll < 0.80) return PathMalformation(op.PathNames[random.Next(op.PathNames.Count)], random);
        if (op.Body is not null && roll < 0.88) return BodyMalformation(random);
        return RequestMalformation(op, random);
    }

    // --- well-formed values ---

    private JsonNode? Valid(Shape shape, string name, Random random) => shape.Type switch
    {
        "object" => new JsonObject(shape.Properties.Where(p => p.Required || random.NextDouble() < 0.7)
            .Select(p => KeyValuePair.Create(p.Name, Valid(p.Shape, p.Name, random)))),
        "array" => new JsonArray(Enumerable.Range(0, random.Next(1, 3)).Select(_ => Valid(shape.Items ?? Shape.Any, name, random)).ToArray()),
        "integer" => JsonValue.Create(ValidInteger(name, random)),
        "number" => JsonValue.Create(random.Next(0, 100)),
        "boolean" => JsonValue.Create(random.NextDouble() < 0.5),
        _ => JsonValue.Create(ValidText(shape, name, random)),
    };

    private static int ValidInteger(string name, Random random) => name switch
    {
        "version" => random.Next(1, 4),
        "months" => random.Next(1, 3),
        "page" => random.Next(1, 3),
        _ => random.Next(0, 5),
    };

    private string ValidText(Shape shape, string name, Random random)
    {
        if (shape.Enum.Count > 0) return shape.Enum[random.Next(shape.Enum.Count)];
        if (shape.Type == "integer") return ValidInteger(name, random).ToString();
        if (shape.Format == "uuid" || name.EndsWith("Id", StringComparison.Ordinal) || name == "coWorkerIds") return ids.Pick(random, IdPool.KindOf(name));
        if (shape.Format == "date-time") return Today.AddDays(random.Next(-10, 30)).ToString("yyyy-MM-dd") + "T10:30:00";
        if (shape.Format == "date" || name.EndsWith("On", StringComparison.Ordinal) || name is "from" or "to" or "until")
            return Today.AddDays(name == "until" ? random.Next(30, 400) : -random.Next(0, 200)).ToString("yyyy-MM-dd");
        return name switch
        {
            "phone" => "06 12 34 56 78",
            "email" => "essai@example.fr",
            "postalCode" => "99000",
            "city" => "Valmont",
            "addressLine" => "2 rue des Essais",
            "birthName" or "usageName" => "Fuzz" + Letters(random, 6),
            "firstNames" => "Camille",
            "login" => "fuzz." + Letters(random, 8),
            "displayName" => "Agent " + Letters(random, 6),
            "name" => "Fu" + Letters(random, 2),
            "confirm" => "true",
            _ => "Texte d'essai sans donnée personnelle.",
        };
    }

    private static string Letters(Random random, int n) => new(Enumerable.Range(0, n).Select(_ => (char)('a' + random.Next(26))).ToArray());

    // --- malformations of one property ---

    private Mutation PropertyMalformation(string name, Shape shape, Random random)
    {
        var generic = random.NextDouble();
        if (generic < 0.12) return Set(name, "null", MalformationClass.Other, _ => null);
        if (generic < 0.22) return new($"body.{name}: missing", MalformationClass.Other, d => (d.Body as JsonObject)?.Remove(name));
        if (generic < 0.34) return WrongType(name, shape, random);
        var isText = shape.Type is "string" or "any";
        var looksLikeDate = shape.Format is "date" or "date-time" || name.EndsWith("On", StringComparison.Ordinal) || name is "from" or "until";
        var looksLikeId = shape.Format == "uuid" || name.EndsWith("Id", StringComparison.Ordinal) || name == "coWorkerIds";
        return shape.Type switch
        {
            "enum" => EnumMalformation(name, shape, random),
            "integer" or "number" => NumberMalformation(name, random),
            "boolean" => WrongType(name, shape, random),
            "array" => ArrayMalformation(name, shape, random),
            _ when looksLikeId => IdMalformation(name, random, d => d.Body as JsonObject),
            _ when looksLikeDate && random.NextDouble() < 0.75 => DateMalformation(name, shape.Format == "date-time", random),
            _ when isText => TextMalformation(name, random),
            _ => WrongType(name, shape, random),
        };
    }

    private static Mutation Set(string name, string what, MalformationClass kind, Func<Draft, JsonNode?> value) =>
        new($"body.{name}: {what}", kind, d =>
        {
            if (d.Body is JsonObject o) o[name] = value(d);
        });

    private static Mutation WrongType(string name, Shape shape, Random random)
    {
        (string What, Func<Draft, JsonNode?> Value)[] options =
        [
            ("a number", _ => JsonValue.Create(42)),
            ("a boolean", _ => JsonValue.Create(true)),
            ("an object", _ => new JsonObject { ["a"] = 1 }),
            ("an array", _ => new JsonArray(1, "b")),
            ("a string", _ => JsonValue.Create("texte")),
            ("an empty string", _ => JsonValue.Create("")),
            ("a nested object", _ => new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(new JsonObject()) } }),
        ];
        var (what, value) = options[random.Next(options.Length)];
        return Set(name, $"{what} instead of {shape.Type}", MalformationClass.Other, value);
    }

    private static readonly (string What, string Value, MalformationClass Class)[] OddTexts =
    [
        ("NUL character", "a\u0000b", MalformationClass.ControlCharacters),
        ("control characters", "a\u0001\u0002\u001b[31m\u007fb", MalformationClass.ControlCharacters),
        ("tab, CR and LF", "a\tb\r\nc", MalformationClass.Other),
        ("line and paragraph separators", "a\u2028b\u2029c", MalformationClass.Other),
        ("right-to-left override", "\u202Eabc\u202C", MalformationClass.Other),
        ("RTL and LTR marks", "\u200Fabc\u200E", MalformationClass.Other),
        ("zero-width characters and BOM", "a\u200Bb\u200Dc\uFEFF", MalformationClass.Other),
        ("emoji sequences", "\U0001F469\u200D\U0001F469\u200D\U0001F467\U0001F3F3\uFE0F\u200D\U0001F308", MalformationClass.Other),
        ("200 combining accents", "e" + new string('\u0301', 200), MalformationClass.Other),
        ("non-characters U+FFFE U+FFFF", "\uFFFE\uFFFF", MalformationClass.Other),
        ("private use character", "\uE000\uF8FF", MalformationClass.Other),
        ("full-width letters and digits", "ＡＢＣ１２３", MalformationClass.Other),
        ("mixed scripts (Cyrillic look-alikes)", "Аlех Маrtіn", MalformationClass.Other),
        ("only spaces", "   ", MalformationClass.Other),
        ("non-breaking spaces", "\u00A0\u202F\u2007", MalformationClass.Other),
        ("SQL-like text", "' OR 1=1; DROP TABLE persons; --", MalformationClass.Other),
        ("markup", "<script>alert(1)</script><img src=x onerror=alert(1)>", MalformationClass.Other),
        ("path traversal", "../../../../etc/passwd", MalformationClass.Other),
        ("format placeholders", "{0}{1}%s%n%x${jndi:ldap://x}", MalformationClass.Other),
        ("percent-encoded NUL", "%00%0a%0d", MalformationClass.Other),
    ];

    private static readonly (string What, string Fragment)[] RawStrings =
    [
        ("lone high surrogate", "\"a\\ud800b\""),
        ("lone low surrogate", "\"\\udc00\""),
        ("reversed surrogate pair", "\"\\udc00\\ud800\""),
        ("escaped NUL", "\"\\u0000\""),
    ];

    private static Mutation TextMalformation(string name, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.25)
        {
            var size = random.NextDouble();
            var length = size < 0.45 ? 1_001 : size < 0.75 ? 5_000 : size < 0.90 ? 20_001 : size < 0.98 ? 100_000 : 1_000_000;
            var unit = new[] { "a", "é", "\U0001F600", " " }[random.Next(4)];
            return Set(name, $"string of {length} × U+{char.ConvertToUtf32(unit, 0):X4}", MalformationClass.Other,
                _ => JsonValue.Create(string.Concat(Enumerable.Repeat(unit, length / unit.Length))));
        }
        if (roll < 0.40)
        {
            var (what, fragment) = RawStrings[random.Next(RawStrings.Length)];
            return Set(name, what, what == "escaped NUL" ? MalformationClass.ControlCharacters : MalformationClass.Other, d => d.Raw(fragment));
        }
        var (text, value, kind) = OddTexts[random.Next(OddTexts.Length)];
        return Set(name, text, kind, _ => JsonValue.Create(value));
    }

    private static readonly (string Value, MalformationClass Class)[] OddDates =
    [
        ("0001-01-01", MalformationClass.OutOfRangeDate), ("9999-12-31", MalformationClass.OutOfRangeDate),
        ("2024-02-30", MalformationClass.OutOfRangeDate), ("2023-02-29", MalformationClass.OutOfRangeDate),
        ("2024-13-01", MalformationClass.OutOfRangeDate), ("2024-00-10", MalformationClass.OutOfRangeDate),
        ("0000-01-01", MalformationClass.OutOfRangeDate), ("-0001-01-01", MalformationClass.OutOfRangeDate),
        ("10000-01-01", MalformationClass.OutOfRangeDate), ("1900-01-01", MalformationClass.OutOfRangeDate),
        ("2100-01-01", MalformationClass.OutOfRangeDate), ("1753-01-01", MalformationClass.OutOfRangeDate),
        ("2024-2-3", MalformationClass.Other), ("31/12/2024", MalformationClass.Other), ("20240101", MalformationClass.Other),
        ("2024-02-29T25:00:00", MalformationClass.Other), ("", MalformationClass.Other), (" 2024-01-01 ", MalformationClass.Other),
        ("2024-01-01T00:00:00Z", MalformationClass.Other), ("hier", MalformationClass.Other),
    ];

    private static readonly (string Value, MalformationClass Class)[] OddDateTimes =
    [
        ("0001-01-01T00:00:00", MalformationClass.OutOfRangeDate), ("9999-12-31T23:59:59.9999999", MalformationClass.OutOfRangeDate),
        ("9999-12-31T23:59:59+14:00", MalformationClass.OutOfRangeDate), ("0001-01-01T00:00:00-14:00", MalformationClass.OutOfRangeDate),
        ("0001-01-01T00:00:00+14:00", MalformationClass.OutOfRangeDate),
        ("2026-03-29T02:30:00", MalformationClass.Other), ("2026-10-25T02:30:00", MalformationClass.Other),
        ("2024-02-30T10:00:00", MalformationClass.OutOfRangeDate), ("2024-01-01T24:00:00", MalformationClass.Other),
        ("2024-01-01", MalformationClass.Other), ("2024-01-01T10:00:00.123456789123Z", MalformationClass.Other),
    ];

    private static Mutation DateMalformation(string name, bool dateTime, Random random)
    {
        if (random.NextDouble() < 0.15)
        {
            var days = new[] { 1, 400, 36_500 }[random.Next(3)];
            return Set(name, $"{days} days in the future", days > 400 ? MalformationClass.OutOfRangeDate : MalformationClass.Other,
                _ => JsonValue.Create(Today.AddDays(days).ToString("yyyy-MM-dd") + (dateTime ? "T10:00:00" : "")));
        }
        var (value, kind) = dateTime ? OddDateTimes[random.Next(OddDateTimes.Length)] : OddDates[random.Next(OddDates.Length)];
        return Set(name, $"date \"{value}\"", kind, _ => JsonValue.Create(value));
    }

    private Mutation IdMalformation(string name, Random random, Func<Draft, JsonObject?> target)
    {
        (string What, Func<JsonNode?> Value)[] options =
        [
            ("empty id", () => JsonValue.Create("")),
            ("id \"0\"", () => JsonValue.Create("0")),
            ("not a uuid", () => JsonValue.Create("pas-un-identifiant")),
            ("uuid in braces", () => JsonValue.Create("{" + Guid.NewGuid() + "}")),
            ("uuid with spaces", () => JsonValue.Create(" " + Guid.NewGuid() + " ")),
            ("empty uuid", () => JsonValue.Create(Guid.Empty.ToString())),
            ("uuid in upper case", () => JsonValue.Create(ids.Pick(random, IdPool.KindOf(name)).ToUpperInvariant())),
            ("uuid of 40 hex digits", () => JsonValue.Create(new string('a', 40))),
            ("id as a number", () => JsonValue.Create(123456)),
            ("id of 100,000 characters", () => JsonValue.Create(new string('f', 100_000))),
            ("id of another kind of object", () => JsonValue.Create(ids.Pick(random, "any"))),
            ("id of another circonscription's object", () => JsonValue.Create(ids.Pick(random, "other"))),
            ("unknown uuid", () => JsonValue.Create(Guid.NewGuid().ToString())),
        ];
        var (what, value) = options[random.Next(options.Length)];
        var chosen = value(); // drawn once: the request is the same when replayed to shrink it
        return new($"body.{name}: {what}", MalformationClass.Other, d =>
        {
            if (target(d) is not { } o) return;
            o[name] = o[name] is JsonArray ? new JsonArray(chosen?.DeepClone()) : chosen?.DeepClone();
        });
    }

    private static Mutation EnumMalformation(string name, Shape shape, Random random)
    {
        var member = shape.Enum[random.Next(shape.Enum.Count)];
        var other = shape.Enum[random.Next(shape.Enum.Count)];
        (string What, Func<Draft, JsonNode?> Value)[] options =
        [
            ("a name that is not a member", _ => JsonValue.Create("Inexistant")),
            ("a member in lower case", _ => JsonValue.Create(member.ToLowerInvariant())),
            ("a member with spaces", _ => JsonValue.Create(" " + member + " ")),
            ("two members joined by a comma", _ => JsonValue.Create(member + "," + other)),
            ("two members joined by a comma and space", _ => JsonValue.Create(member + ", " + other)),
            ("the number 99", _ => JsonValue.Create(99)),
            ("the number -1", _ => JsonValue.Create(-1)),
            ("the number 0", _ => JsonValue.Create(0)),
            ("the string \"99\"", _ => JsonValue.Create("99")),
            ("the string \"-1\"", _ => JsonValue.Create("-1")),
            ("the number 1.5", _ => JsonValue.Create(1.5)),
            ("an empty name", _ => JsonValue.Create("")),
        ];
        var (what, value) = options[random.Next(options.Length)];
        return Set(name, "enum: " + what, MalformationClass.UndefinedEnum, value);
    }

    private static Mutation NumberMalformation(string name, Random random)
    {
        string[] fragments = ["-1", "0", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1.5", "1e10", "1e400", "-0", "\"1\"", "\"un\"", "99999999999999999999999999"];
        var fragment = fragments[random.Next(fragments.Length)];
        return Set(name, $"number {fragment}", MalformationClass.Other, d => d.Raw(fragment));
    }

    private Mutation ArrayMalformation(string name, Shape shape, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.2)
        {
            var count = new[] { 100, 10_000 }[random.Next(2)];
            var items = new JsonArray(Enumerable.Range(0, count).Select(_ => Valid(shape.Items ?? Shape.Any, name, random)).ToArray());
            return Set(name, $"array of {count} items", MalformationClass.Other, _ => items.DeepClone());
        }
        if (roll < 0.35) return Set(name, "array of nulls", MalformationClass.Other, _ => new JsonArray(null, null));
        if (roll < 0.45) return Set(name, "array of arrays", MalformationClass.Other, _ => new JsonArray(new JsonArray(), new JsonArray(1)));
        if (roll < 0.55) return Set(name, "empty array", MalformationClass.Other, _ => new JsonArray());
        // An item malformed as its own type would be.
        var item = shape.Items ?? Shape.Any;
        var inner = item.Type == "enum" ? EnumMalformation("item", item, random)
            : item.Format == "uuid" ? IdMalformation("item", random, d => d.Body as JsonObject)
            : TextMalformation("item", random);
        return new($"body.{name}[0]: {inner.Description["body.item: ".Length..]}", inner.Class, d =>
        {
            if (d.Body is not JsonObject o) return;
            var holder = new JsonObject();
            var scratch = new Draft { Method = d.Method, PathTemplate = d.PathTemplate, Body = holder };
            inner.Apply(scratch);
            foreach (var (marker, fragment) in scratch.RawFragments) d.RawFragments[marker] = fragment;
            o[name] = new JsonArray(holder["item"]?.DeepClone());
        });
    }

    // --- malformations of the query, the path, the body as a whole, the request ---

    private Mutation QueryMalformation(Parameter p, Random random)
    {
        var looksLikeDate = p.Shape.Format == "date";
        (string What, string Value, MalformationClass Class)[] options =
        [
            ("empty", "", MalformationClass.Other),
            ("a long string", new string('x', 10_000), MalformationClass.Other),
            ("NUL", "%00", MalformationClass.ControlCharacters),
            ("control characters", "%01%1B%7F", MalformationClass.ControlCharacters),
            ("unicode", Uri.EscapeDataString("\u202Eé\U0001F600\uFEFF"), MalformationClass.Other),
            ("lone surrogate (bad UTF-8)", "%ED%A0%80", MalformationClass.Other),
            ("invalid UTF-8", "%C3%28%FF", MalformationClass.Other),
            ("a number", "-1", MalformationClass.Other),
            ("int.MaxValue", "2147483647", MalformationClass.Other),
            ("long.MaxValue", "9223372036854775807", MalformationClass.Other),
            ("long.MinValue", "-9223372036854775808", MalformationClass.Other),
            ("beyond long", "92233720368547758080", MalformationClass.Other),
            ("a decimal", "1.5", MalformationClass.Other),
            ("not a number", "abc", MalformationClass.Other),
            ("not a uuid", "pas-un-identifiant", MalformationClass.Other),
            ("enum name not a member", "Inexistant", MalformationClass.UndefinedEnum),
            ("enum as a number", "99", MalformationClass.UndefinedEnum),
            ("enum members joined by a comma", Uri.EscapeDataString(p.Shape.Enum.Count > 1 ? p.Shape.Enum[0] + "," + p.Shape.Enum[1] : "A,B"), MalformationClass.UndefinedEnum),
            ("date 0001-01-01", "0001-01-01", MalformationClass.OutOfRangeDate),
            ("date 9999-12-31", "9999-12-31", MalformationClass.OutOfRangeDate),
            ("date 2024-02-30", "2024-02-30", MalformationClass.OutOfRangeDate),
            ("date 31/12/2024", Uri.EscapeDataString("31/12/2024"), MalformationClass.Other),
            ("the id of another circonscription's object", ids.Pick(random, "other"), MalformationClass.Other),
        ];
        var candidates = looksLikeDate && random.NextDouble() < 0.5 ? options.Where(o => o.What.StartsWith("date", StringComparison.Ordinal)).ToArray() : options;
        var (what, value, kind) = candidates[random.Next(candidates.Length)];
        if (random.NextDouble() < 0.1)
            return new($"query.{p.Name}: repeated", MalformationClass.Other, d => d.Query.AddRange([new(p.Name, "1"), new(p.Name, "2")]));
        return new($"query.{p.Name}: {what}", kind, d =>
        {
            d.Query.RemoveAll(q => q.Key == p.Name);
            d.Query.Add(new(p.Name, value));
        });
    }

    private Mutation PathMalformation(string name, Random random)
    {
        (string What, Func<string> Value)[] options =
        [
            ("not a uuid", () => "pas-un-identifiant"),
            ("empty uuid", () => Guid.Empty.ToString()),
            ("unknown uuid", () => Guid.NewGuid().ToString()),
            ("uuid in braces", () => "%7B" + Guid.NewGuid() + "%7D"),
            ("encoded slash", () => "..%2F..%2Fadmin"),
            ("unicode", () => Uri.EscapeDataString("é\U0001F600")),
            // Not NUL: Kestrel refuses "%00" in a path itself (400) before any application code, and the test server throws.
            ("control characters", () => "%01%1F"),
            ("a long segment", () => new string('a', 5_000)),
            ("id of another kind of object", () => ids.Pick(random, "any")),
            ("id of another circonscription's object", () => ids.Pick(random, "other")),
        ];
        var (what, value) = options[random.Next(options.Length)];
        var chosen = value();
        return new($"path.{name}: {what}", MalformationClass.Other, d => d.PathValues[name] = chosen);
    }

    private static Mutation BodyMalformation(Random random)
    {
        (string What, Action<Draft> Apply)[] options =
        [
            ("unknown properties", d => { if (d.Body is JsonObject o) { o["inconnu"] = 1; o["$type"] = "System.Object"; o["__proto__"] = new JsonObject { ["admin"] = true }; } }),
            ("empty object", d => d.Body = new JsonObject()),
            ("a top-level array", d => d.Body = new JsonArray(d.Body?.DeepClone())),
            ("a top-level null", d => d.Body = null),
            ("a top-level number", d => d.Body = JsonValue.Create(42)),
            ("a top-level string", d => d.Body = JsonValue.Create("texte")),
            ("a property nested 10,000 levels deep", d => { if (d.Body is JsonObject o) o["profond"] = d.Raw(new string('[', 10_000) + new string(']', 10_000)); }),
            ("every property null", d => { if (d.Body is JsonObject o) foreach (var k in o.Select(p => p.Key).ToList()) o[k] = null; }),
            ("property names in other case", d =>
            {
                if (d.Body is not JsonObject o) return;
                d.Body = new JsonObject(o.Select(p => KeyValuePair.Create(p.Key.ToUpperInvariant(), p.Value?.DeepClone())));
            }),
        ];
        var (what, apply) = options[random.Next(options.Length)];
        return new("body: " + what, MalformationClass.Other, apply);
    }

    private static Mutation RequestMalformation(Operation op, Random random)
    {
        var badKey = new[] { " ", "a b", new string('k', 300), "\u00e9", "x\u0001" }[random.Next(5)];
        (string What, Action<Draft> Apply)[] options =
        [
            ("content type text/plain", d => d.ContentType = "text/plain"),
            ("content type application/xml", d => d.ContentType = "application/xml"),
            ("content type form-urlencoded", d => d.ContentType = "application/x-www-form-urlencoded"),
            ("content type multipart without boundary", d => d.ContentType = "multipart/form-data"),
            ("no content type", d => d.ContentType = null),
            ("content type with charset latin1", d => d.ContentType = "application/json; charset=iso-8859-1"),
            ("content type with charset utf-16", d => d.ContentType = "application/json; charset=utf-16"),
            ("content type malformed", d => d.ContentType = "application/json;;;=="),
            ("body: empty", d => { d.HasBody = true; d.RawBody = []; }),
            ("body: truncated JSON", d => d.RawBody = Truncated(d)),
            ("body: '{'", d => d.RawBody = "{"u8.ToArray()),
            ("body: trailing comma", d => d.RawBody = "{\"a\":1,}"u8.ToArray()),
            ("body: single quotes", d => d.RawBody = "{'a':'b'}"u8.ToArray()),
            ("body: comments", d => d.RawBody = "/* c */ {\"a\": 1 // d\n}"u8.ToArray()),
            ("body: NaN", d => d.RawBody = "{\"a\": NaN}"u8.ToArray()),
            ("body: two objects", d => d.RawBody = "{}{}"u8.ToArray()),
            ("body: invalid UTF-8", d => d.RawBody = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}']),
            ("body: UTF-8 BOM", d => d.RawBody = [0xEF, 0xBB, 0xBF, .. Serialised(d)]),
            ("body: UTF-16", d => d.RawBody = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(Serialised(d)))),
            ("body: 2 MB of spaces", d => d.RawBody = [.. Encoding.ASCII.GetBytes(new string(' ', 2_000_000)), .. "{}"u8]),
            ("body: duplicate properties", d => { var s = Encoding.UTF8.GetString(Serialised(d)); d.RawBody = Encoding.UTF8.GetBytes(s.Length > 2 && s.StartsWith('{') ? "{\"a\":1,\"a\":2," + s[1..] : s); }),
            ("no antiforgery token", d => d.Csrf = false),
            ("body on a request without one", d => { d.HasBody = true; d.ContentType = "application/json"; d.Body = new JsonObject { ["a"] = 1 }; }),
            ("Idempotency-Key malformed", d => d.IdempotencyKey = badKey),
        ];
        var usable = op.Body is null && op.Method == "GET" ? options.Where(o => !o.What.StartsWith("body:", StringComparison.Ordinal)).ToArray() : options;
        var (what, apply) = usable[random.Next(usable.Length)];
        return new("request: " + what, MalformationClass.Other, apply);
    }

    private static byte[] Serialised(Draft d)
    {
        using var request = d.Build(null);
        return request.Content is null ? "{}"u8.ToArray() : request.Content.ReadAsByteArrayAsync().Result;
    }

    private static byte[] Truncated(Draft d)
    {
        var bytes = Serialised(d);
        return bytes.Length < 2 ? "{"u8.ToArray() : bytes[..(bytes.Length / 2)];
    }
}
