namespace Discret.Web.Features.Connexion;

/// <summary>The confidentiality charter every account reads and accepts at first login (and again when its version changes).</summary>
public static class Charter
{
    /// <summary>2: what Discret keeps about each worker and the rules of the DPO's alerts are stated (issue 17 §2).</summary>
    public const int Version = 2;
}
