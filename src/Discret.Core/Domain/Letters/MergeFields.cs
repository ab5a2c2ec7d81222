using System.Text.RegularExpressions;
using Discret.Catalogue;

namespace Discret.Domain.Letters;

/// <summary>
/// One merge field of a letter template, written <c>{{Key}}</c> in its body. <see cref="Group"/> is the catalogue's field
/// group the value is read from (null: no personal data — today's date, the sender's office and name); a template may
/// use a field only when every role that sends its kind may read that group, and a letter is produced only when the
/// sender reads it on this file. <see cref="OnlyIn"/>: the kinds whose context gives a value (a request, a partner…).
/// </summary>
public sealed record MergeField(string Key, string Label, FieldGroup? Group, IReadOnlyList<LetterKind>? OnlyIn = null)
{
    public bool AvailableIn(LetterKind kind) => OnlyIn is null || OnlyIn.Contains(kind);
}

/// <summary>The closed list of merge fields. Nothing else can be put in a letter: an unknown <c>{{…}}</c> is refused.</summary>
public static partial class MergeFields
{
    private static readonly LetterKind[] Requests = [LetterKind.AccuseReceptionDemande, LetterKind.ReponseDemandeAcces];

    public static readonly IReadOnlyList<MergeField> All =
    [
        new("personne.nom", "Nom et prénoms de la personne", FieldGroup.Identite),
        new("personne.adresse", "Adresse postale de la personne (celle de son ménage)", FieldGroup.Coordonnees),
        new("date.jour", "Date du jour", null),
        new("circonscription.nom", "Nom de la circonscription de l'expéditeur", null),
        new("professionnel.nom", "Nom de l'expéditeur", null),
        new("professionnel.profession", "Profession de l'expéditeur", null),
        new("demande.numero", "Numéro de la demande d'exercice des droits", FieldGroup.Droits, Requests),
        new("demande.date", "Date de réception de la demande", FieldGroup.Droits, Requests),
        new("demande.echeance", "Date limite de réponse à la demande", FieldGroup.Droits, Requests),
        new("demande.droit", "Droit exercé (accès, rectification, opposition…)", FieldGroup.Droits, Requests),
        new("partenaire.nom", "Nom du partenaire destinataire", FieldGroup.Partages, [LetterKind.CourrierPartenaire]),
        new("partage.objet", "Objet du partage accepté par la personne", FieldGroup.Partages, [LetterKind.CourrierPartenaire]),
        new("refus.date", "Date du refus de l'informatisation", FieldGroup.Identite, [LetterKind.ConfirmationRefusInformatisation]),
        new("rendezvous.date", "Date du rendez-vous", FieldGroup.RendezVous, [LetterKind.Convocation]),
        new("rendezvous.heure", "Heure du rendez-vous", FieldGroup.RendezVous, [LetterKind.Convocation]),
        new("rendezvous.lieu", "Lieu du rendez-vous", FieldGroup.RendezVous, [LetterKind.Convocation]),
        new("rendezvous.professionnel", "Professionnel qui reçoit la personne", FieldGroup.RendezVous, [LetterKind.Convocation]),
    ];

    public static MergeField? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The keys written <c>{{…}}</c> in a body, in order, once each.</summary>
    public static IReadOnlyList<string> Used(string body) =>
        Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>The body with each <c>{{key}}</c> replaced by its value (every key used must be in <paramref name="values"/>).</summary>
    public static string Merge(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
}
