namespace Discret.Web.Features.Connexion;

/// <summary>The confidentiality charter every account reads and accepts at first login (and again when its version changes).</summary>
public static class Charter
{
    public const int Version = 1;
}
