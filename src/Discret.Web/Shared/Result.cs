namespace Discret.Web.Shared;

/// <summary>What a use case answered.</summary>
public enum ResultStatus
{
    /// <summary>Done.</summary>
    Ok,
    /// <summary>The resource does not exist for this account (absent and out of reach look the same: 404).</summary>
    NotFound,
    /// <summary>The input is wrong: French messages keyed by field ("" for the whole form). Nothing was saved.</summary>
    Invalid,
    /// <summary>Someone changed the resource meanwhile, or its state forbids the action (409). Nothing was saved.</summary>
    Conflict,
    /// <summary>A rule of the file refuses the action whatever the input (no valid consent, a limit reached): a title and a message.</summary>
    Refused,
}

/// <summary>
/// The one answer of every use case. Two adapters turn it into what the caller shows: an RFC 7807 problem for the API
/// (<see cref="ResultHttp"/>) and a page's error summary (<see cref="ResultPage"/>).
/// </summary>
public class Result
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    protected Result(ResultStatus status, IReadOnlyDictionary<string, string>? errors, string? title, string? message)
    {
        Status = status;
        Errors = errors ?? NoErrors;
        Title = title;
        Message = message;
    }

    public ResultStatus Status { get; }
    /// <summary>French messages keyed by field name ("BirthName"), "" for the whole form.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }
    /// <summary>The French title of a conflict or a refusal.</summary>
    public string? Title { get; }
    /// <summary>The French sentence that says why, for a conflict or a refusal.</summary>
    public string? Message { get; }

    public bool Succeeded => Status == ResultStatus.Ok;

    public static Result Ok() => new(ResultStatus.Ok, null, null, null);
    public static Result<T> Ok<T>(T value) => new(value);

    public static Failure NotFound() => new(ResultStatus.NotFound, null, null, null);

    public static Failure Invalid(IReadOnlyDictionary<string, string> errors) => new(ResultStatus.Invalid, errors, null, null);

    public static Failure Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public const string ConflictTitle = "Conflit";

    public static Failure Conflict(string message, string title = ConflictTitle) =>
        new(ResultStatus.Conflict, new Dictionary<string, string> { [""] = message }, title, message);

    public static Failure Refused(string title, string message) =>
        new(ResultStatus.Refused, new Dictionary<string, string> { [""] = message }, title, message);
}

/// <summary>A failed result, which converts to a <see cref="Result"/> or to any <see cref="Result{T}"/>.</summary>
public sealed class Failure : Result
{
    internal Failure(ResultStatus status, IReadOnlyDictionary<string, string>? errors, string? title, string? message)
        : base(status, errors, title, message) { }
}

/// <summary>A result that carries a value when it succeeded.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    internal Result(T value) : base(ResultStatus.Ok, null, null, null) => _value = value;

    private Result(Failure failure) : base(failure.Status, failure.Errors, failure.Title, failure.Message) { }

    /// <summary>The value; only read it when <see cref="Result.Succeeded"/>.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException("A failed result carries no value.");

    public static implicit operator Result<T>(Failure failure) => new(failure);
}
