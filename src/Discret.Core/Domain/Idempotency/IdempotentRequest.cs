namespace Discret.Domain.Idempotency;

/// <summary>
/// One create request as it was first answered, so that the same request sent again (a client's retry with the same
/// <c>Idempotency-Key</c>, a double click on a form) gets that answer back instead of creating a second record.
/// The row is claimed (inserted, not yet completed) before the request runs: the key (<see cref="AccountId"/>,
/// <see cref="KeyHash"/>) is unique, so of two identical requests at the same time only one runs, the other waits for
/// its answer.
/// </summary>
/// <remarks>
/// <para>Personal data: <see cref="ProtectedBody"/> is the answer's body, which may quote the record just created (an
/// identifier, a follow-up's motives, a sharing sheet in PDF). It is kept only to answer retries: encrypted with the
/// application's data-protection keys (a database dump alone cannot read it), never logged, and the row is deleted with
/// the rest after the retention window (24 hours by default, <c>Discret:Idempotency:Retention</c>) by
/// <c>IdempotencyPurgeService</c>. Forms keep no body at all, only the address they redirected to. The key itself is
/// not stored, only its SHA-256 (a client may put anything in it). This technical table is not in the data catalogue,
/// which lists the persons' data by field; the catalogue's fields reach it only as this transient, encrypted copy.</para>
/// </remarks>
public class IdempotentRequest
{
    /// <summary>The longest answer kept for a retry (a sharing sheet is a few tens of kilobytes); a longer one is not kept.</summary>
    public const int MaxBodyLength = 1024 * 1024;

    /// <summary>Rows are claimed by <c>IdempotencyStore</c> with one INSERT … ON CONFLICT DO NOTHING, never built here.</summary>
    private IdempotentRequest() { }

    /// <summary>The account that sent the request: keys are per account (another account's same key is another request).</summary>
    public Guid AccountId { get; private set; }
    /// <summary>SHA-256 (hex) of the kind of key ("api", "form") and the key as sent.</summary>
    public string KeyHash { get; private set; } = "";
    /// <summary>SHA-256 (hex) of the method, the address and the body: the same key with another request is refused.</summary>
    public string Fingerprint { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>When the first request was answered; null while it runs.</summary>
    public DateTime? CompletedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Location { get; private set; }
    public string? ContentType { get; private set; }
    /// <summary>The answer's body, encrypted (see the remarks); null for forms and for answers without a body.</summary>
    public byte[]? ProtectedBody { get; private set; }

    public bool Completed => CompletedAt is not null;

    public void Complete(int statusCode, string? location, string? contentType, byte[]? protectedBody, DateTime now)
    {
        StatusCode = statusCode;
        Location = location;
        ContentType = contentType;
        ProtectedBody = protectedBody;
        CompletedAt = now;
    }
}
