namespace Discret.Web.Features.Garde;

/// <summary>Liste fermée : Clean (rien à signaler) ; Warned (mots à relire : enregistré seulement une fois confirmé) ; Refused (identifiant : jamais enregistré).</summary>
public enum GuardVerdict { Clean, Warned, Refused }

/// <summary>Liste fermée : Identifier (un identifiant, refusé) ; Vocabulary (un mot à relire, signalé).</summary>
public enum FindingKind { Identifier, Vocabulary }

/// <remarks>The category of a finding; identifiers first, then the lexicon categories.</remarks>
public enum FindingCategory
{
    Nir, Caf, Agdref, Iban, PaymentCard, TaxId, Credentials,
    Health, Judgement, SpecialCategory, Nationality, Offence,
}

/// <summary>One thing the guard found: where it is in the text (UTF-16 offsets) and a French message for the worker.</summary>
public sealed record Finding(FindingKind Kind, FindingCategory Category, int Start, int Length, string Message)
{
    public GuardVerdict Verdict => Kind == FindingKind.Identifier ? GuardVerdict.Refused : GuardVerdict.Warned;
}

/// <summary>The guard's answer for one text.</summary>
public sealed record GuardResult(GuardVerdict Verdict, IReadOnlyList<Finding> Findings)
{
    public static readonly GuardResult Clean = new(GuardVerdict.Clean, []);
    public IEnumerable<Finding> Refusals => Findings.Where(f => f.Kind == FindingKind.Identifier);
    public IEnumerable<Finding> Warnings => Findings.Where(f => f.Kind == FindingKind.Vocabulary);
}
