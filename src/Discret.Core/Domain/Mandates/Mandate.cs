using System.Security.Cryptography;
using System.Text;
using Discret.Domain.Persons;

namespace Discret.Domain.Mandates;

/// <summary>
/// A mandate on the CNIL's model (R28): the person (mandant) lets named workers of her follow-up's team do online
/// procedures in her place, one authorisation per domain of procedures, for one day or until a date at most 12 months
/// later. It is printed in two copies and signed on paper; <see cref="Document"/> keeps the filled mandate exactly as
/// printed, and <see cref="Fingerprint"/> binds it to its template version, so that the PDF is re-issued identical and a
/// copy shown later can be checked (« Vérifier un mandat »). No login, password or code of the person is ever part of it.
/// </summary>
public class Mandate : IPersonalData
{
    public const int MaxMonths = 12;
    public const int MaxRepresentativeNameLength = 120;
    /// <summary>Length of the short code printed under the QR code (base 32, no ambiguous letters).</summary>
    public const int CodeLength = 10;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

    private readonly List<MandateAuthorisation> _authorisations = [];

    private Mandate() { }

    public Mandate(Guid personId, Guid followUpId, MandateTerms terms, Guid createdById, DateTime now)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        FollowUpId = followUpId;
        StartsOn = terms.StartsOn;
        EndsOn = terms.EndsOn;
        Protection = terms.Protection;
        RepresentativeName = terms.RepresentativeName;
        Mandataires = terms.Mandataires.Distinct().ToList();
        DataKinds = terms.DataKinds.Distinct().Order().ToList();
        RenewsId = terms.RenewsId;
        CreatedById = createdById;
        CreatedAt = now;
        Code = NewCode();
        Salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        foreach (var (domain, organisations) in terms.Authorisations)
            _authorisations.Add(new MandateAuthorisation(Id, domain, organisations));
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    /// <summary>The follow-up whose team the named workers belong to.</summary>
    public Guid FollowUpId { get; private set; }
    /// <summary>Short code printed on the mandate and in its QR code, to find it on « Vérifier un mandat ».</summary>
    public string Code { get; private set; } = "";
    /// <summary>Random salt of the fingerprint (so that the fingerprint reveals nothing of a guessed content).</summary>
    public string Salt { get; private set; } = "";
    public string TemplateVersion { get; private set; } = "";
    /// <summary>The filled mandate as printed (canonical JSON): what the person signed.</summary>
    public string Document { get; private set; } = "";
    /// <summary>SHA-256 of the salt, the template version and the document, printed on both copies.</summary>
    public string Fingerprint { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    /// <summary>Last day the mandate is in force (the same day as <see cref="StartsOn"/> for a one-day mandate).</summary>
    public DateOnly EndsOn { get; private set; }
    public ProtectionMeasure Protection { get; private set; }
    /// <summary>The legal representative's name (tutor, curator, person habilitated), when the person is under a measure.</summary>
    public string? RepresentativeName { get; private set; }
    /// <summary>The named workers (accounts of the follow-up's team) who may act under the mandate.</summary>
    public List<Guid> Mandataires { get; private set; } = [];
    public List<MandateDataKind> DataKinds { get; private set; } = [];
    /// <summary>The mandate this one renews, when it does.</summary>
    public Guid? RenewsId { get; private set; }
    public Guid CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateOnly? SignedOn { get; private set; }
    public MandateSigner? SignedBy { get; private set; }
    public Guid? SignatureRecordedById { get; private set; }
    public DateTime? SignatureRecordedAt { get; private set; }
    public DateOnly? RevokedOn { get; private set; }
    public Guid? RevokedById { get; private set; }
    public MandateRevocationReason? RevocationReason { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyCollection<MandateAuthorisation> Authorisations => _authorisations;

    public bool IsOneDay => StartsOn == EndsOn;

    /// <summary>In force on a day: signed, the day within its dates, and before its revocation if it was revoked (a
    /// revocation ends it from its own day on; a procedure done the day before may still be recorded afterwards). The one
    /// statement of the rule, for queries and for code.</summary>
    public static readonly Rule<Mandate, DateOnly> InForceOn = new((m, day) =>
        m.SignedOn != null && (m.RevokedOn == null || day < m.RevokedOn) && m.StartsOn <= day && day <= m.EndsOn);

    /// <summary>The day the mandate stopped or will stop being usable: its revocation, else its last day.</summary>
    public DateOnly EndedOn => RevokedOn is { } revoked && revoked <= EndsOn ? revoked : EndsOn;

    /// <summary>Who may sign for the person under each measure: under tutelle (or a representing habilitation) the
    /// representative, never the person alone; under curatelle the person assisted by the curator.</summary>
    public static MandateSigner SignerFor(ProtectionMeasure measure) => measure switch
    {
        ProtectionMeasure.Tutelle or ProtectionMeasure.HabilitationFamiliale => MandateSigner.LeRepresentantLegal,
        ProtectionMeasure.Curatelle => MandateSigner.LaPersonneEtSonCurateur,
        _ => MandateSigner.LaPersonne,
    };

    /// <summary>Seals the filled document: called once, when the mandate is created, before it is printed.</summary>
    public void Seal(string templateVersion, string document)
    {
        if (Fingerprint.Length > 0) throw new InvalidOperationException("Mandate already sealed.");
        TemplateVersion = templateVersion;
        Document = document;
        Fingerprint = ComputeFingerprint(Salt, templateVersion, document);
    }

    /// <summary>Whether the stored document still gives the stored fingerprint (nothing changed since it was printed).</summary>
    public bool DocumentIntact => Fingerprint.Length > 0 && CryptographicOperations.FixedTimeEquals(
        Encoding.ASCII.GetBytes(Fingerprint), Encoding.ASCII.GetBytes(ComputeFingerprint(Salt, TemplateVersion, Document)));

    public static string ComputeFingerprint(string salt, string templateVersion, string document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{templateVersion}\n{document}")));

    public void RecordSignature(DateOnly signedOn, MandateSigner signer, Guid recordedById, DateTime now)
    {
        if (SignedOn is not null) throw new InvalidOperationException("Mandate already signed.");
        SignedOn = signedOn;
        SignedBy = signer;
        SignatureRecordedById = recordedById;
        SignatureRecordedAt = now;
        Version++;
    }

    public void Revoke(DateOnly on, Guid byId, MandateRevocationReason? reason)
    {
        if (RevokedOn is not null) throw new InvalidOperationException("Mandate already revoked.");
        RevokedOn = on;
        RevokedById = byId;
        RevocationReason = reason;
        Version++;
    }

    public MandateAuthorisation? AuthorisationFor(ProcedureDomain domain) => _authorisations.FirstOrDefault(a => a.Domain == domain);

    private static string NewCode()
    {
        Span<char> code = stackalloc char[CodeLength];
        for (var i = 0; i < CodeLength; i++) code[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return new string(code);
    }

    /// <summary>The code as printed, in groups: « ABCD-EFGH-JK ».</summary>
    public static string FormatCode(string code) => code.Length == CodeLength ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;

    /// <summary>A code as typed (spaces, dashes, lower case) back to its stored form.</summary>
    public static string NormaliseCode(string? typed) =>
        new((typed ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}

/// <summary>What the worker fills in before the mandate is printed.</summary>
public sealed record MandateTerms(DateOnly StartsOn, DateOnly EndsOn, ProtectionMeasure Protection, string? RepresentativeName,
    IReadOnlyList<Guid> Mandataires, IReadOnlyList<MandateDataKind> DataKinds,
    IReadOnlyList<(ProcedureDomain Domain, IReadOnlyList<OnlineOrganisation> Organisations)> Authorisations, Guid? RenewsId = null);

/// <summary>One authorisation of a mandate: a domain of procedures and the organisations concerned. Revoked on its own
/// when the person withdraws only this part.</summary>
public class MandateAuthorisation : IPersonalData
{
    private MandateAuthorisation() { }

    public MandateAuthorisation(Guid mandateId, ProcedureDomain domain, IEnumerable<OnlineOrganisation> organisations)
    {
        Id = Guid.NewGuid();
        MandateId = mandateId;
        Domain = domain;
        Organisations = organisations.Distinct().Order().ToList();
    }

    public Guid Id { get; private set; }
    public Guid MandateId { get; private set; }
    public ProcedureDomain Domain { get; private set; }
    public List<OnlineOrganisation> Organisations { get; private set; } = [];
    public DateOnly? RevokedOn { get; private set; }
    public Guid? RevokedById { get; private set; }
    public MandateRevocationReason? RevocationReason { get; private set; }

    /// <summary>Usable on a day: not revoked, or revoked after that day.</summary>
    public bool ActiveOn(DateOnly day) => RevokedOn is not { } revoked || day < revoked;

    public void Revoke(DateOnly on, Guid byId, MandateRevocationReason? reason)
    {
        if (RevokedOn is not null) throw new InvalidOperationException("Authorisation already revoked.");
        RevokedOn = on;
        RevokedById = byId;
        RevocationReason = reason;
    }
}

/// <summary>
/// One procedure done in the person's place under a mandate (« je fais à la place de »): when, which domain and
/// organisation, what, the outcome and who did it. Recorded only when the mandate is in force, covers the domain and
/// the worker is one of its named workers; the person receives the list on request and in the access export.
/// </summary>
public class MandateAction : IPersonalData
{
    private MandateAction() { }

    public MandateAction(Mandate mandate, MandateAuthorisation authorisation, OnlineOrganisation organisation, OnlineProcedure procedure,
        ProcedureOutcome outcome, DateOnly doneOn, Guid workerId, DateTime now)
    {
        Id = Guid.NewGuid();
        MandateId = mandate.Id;
        AuthorisationId = authorisation.Id;
        PersonId = mandate.PersonId;
        Domain = authorisation.Domain;
        Organisation = organisation;
        Procedure = procedure;
        Outcome = outcome;
        DoneOn = doneOn;
        WorkerId = workerId;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid MandateId { get; private set; }
    public Guid AuthorisationId { get; private set; }
    public Guid PersonId { get; private set; }
    public ProcedureDomain Domain { get; private set; }
    public OnlineOrganisation Organisation { get; private set; }
    public OnlineProcedure Procedure { get; private set; }
    public ProcedureOutcome Outcome { get; private set; }
    public DateOnly DoneOn { get; private set; }
    public Guid WorkerId { get; private set; }
    public DateTime RecordedAt { get; private set; }
}

/// <summary>
/// A digital help given within a follow-up at the first two levels: « je forme » (only that it happened and its
/// theme — no personal situation; fictitious data are suggested for the exercises) or « j'accompagne » (the domain,
/// the organisation and the outcome; the person types her own credentials). The third level is a
/// <see cref="MandateAction"/>.
/// </summary>
public class DigitalHelp : IPersonalData
{
    private DigitalHelp() { }

    private DigitalHelp(Guid followUpId, Guid personId, DigitalHelpLevel level, DateOnly occurredOn, Guid authorId, DateTime now)
    {
        Id = Guid.NewGuid();
        FollowUpId = followUpId;
        PersonId = personId;
        Level = level;
        OccurredOn = occurredOn;
        AuthorId = authorId;
        RecordedAt = now;
    }

    public static DigitalHelp Training(Guid followUpId, Guid personId, DigitalTrainingTheme theme, DateOnly occurredOn, Guid authorId, DateTime now) =>
        new(followUpId, personId, DigitalHelpLevel.JeForme, occurredOn, authorId, now) { Theme = theme };

    public static DigitalHelp Accompanying(Guid followUpId, Guid personId, ProcedureDomain domain, OnlineOrganisation organisation,
        ProcedureOutcome outcome, DateOnly occurredOn, Guid authorId, DateTime now) =>
        new(followUpId, personId, DigitalHelpLevel.JAccompagne, occurredOn, authorId, now) { Domain = domain, Organisation = organisation, Outcome = outcome };

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid PersonId { get; private set; }
    public DigitalHelpLevel Level { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public DigitalTrainingTheme? Theme { get; private set; }
    public ProcedureDomain? Domain { get; private set; }
    public OnlineOrganisation? Organisation { get; private set; }
    public ProcedureOutcome? Outcome { get; private set; }
    public Guid AuthorId { get; private set; }
    public DateTime RecordedAt { get; private set; }
}
