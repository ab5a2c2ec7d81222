namespace Discret.Web.Shared;

/// <summary>Réponse à une création : l'identifiant de l'enregistrement créé (son adresse est dans l'en-tête Location quand il en a une).</summary>
/// <param name="Id">Identifiant (UUID) de l'enregistrement créé.</param>
public sealed record CreatedId(Guid Id);

/// <summary>Réponse à une correction : l'enregistrement et sa nouvelle version, à renvoyer avec la modification suivante.</summary>
/// <param name="Id">Identifiant (UUID) de l'enregistrement corrigé.</param>
/// <param name="Version">Sa version après la correction.</param>
public sealed record VersionView(Guid Id, int Version);
