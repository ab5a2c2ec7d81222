namespace Discret.Web.Features.Garde;

/// <summary>What the guard concludes about a text: refused (never saved), warned (saved once the worker confirms), or clean.</summary>
public enum GuardVerdict { Clean, Warned, Refused }

/// <summary>Whether a finding is an identifier (refused) or a word to reconsider (warned).</summary>
public enum FindingKind { Identifier, Vocabulary }

/// <summary>The category of a finding; identifiers first, then the lexicon categories.</summary>
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
